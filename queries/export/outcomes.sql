-- Export: the follow-up status history of the filtered proposals, one row per change.
select
    o.outcome_id,
    o.proposal_id,
    o.status,
    o.status_date,
    o.responsible_body,
    o.response,
    o.source,
    o.recorded_by,
    o.recorded_at
from proposal_outcomes as o
semi join filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
    on p.proposal_id = o.proposal_id
order by o.proposal_id, o.status_date, o.outcome_id
