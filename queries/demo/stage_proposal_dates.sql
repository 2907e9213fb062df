-- The staged demo events' proposals with their event dates (their status histories are drawn from these).
select p.proposal_id, s.event_date
from proposals as p
join demo_stage as s on s.event_id = p.event_id
order by p.proposal_id
