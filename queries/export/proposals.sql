-- Export: the filtered proposals.
select
    p.proposal_id,
    p.event_id,
    p.position,
    p.text,
    p.status,
    p.reviewed_at,
    p.reviewed_by,
    s.status as follow_up_status,
    s.status_date as follow_up_date
from filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
join proposal_status as s on s.proposal_id = p.proposal_id
order by p.event_id, p.position
