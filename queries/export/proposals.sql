-- Export: the filtered proposals.
select
    p.proposal_id,
    p.event_id,
    p.position,
    p.text,
    p.status,
    p.reviewed_at,
    p.reviewed_by
from filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
order by p.event_id, p.position
