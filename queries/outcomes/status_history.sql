-- The follow-up history of the given proposals, oldest change first.
select
    o.proposal_id,
    o.status,
    o.status_date,
    o.responsible_body,
    o.response,
    o.source,
    o.recorded_by,
    o.recorded_at
from proposal_outcomes as o
where list_contains($proposal_ids, o.proposal_id)
order by o.proposal_id, o.status_date, o.outcome_id
