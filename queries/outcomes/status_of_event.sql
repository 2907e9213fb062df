-- The proposals of one event with their current follow-up status and latest responsible body.
select
    p.proposal_id,
    p.position,
    p.text as proposal,
    s.status,
    s.status_date,
    s.responsible_body
from proposals as p
join proposal_status as s on s.proposal_id = p.proposal_id
where p.event_id = $event_id
order by p.position
