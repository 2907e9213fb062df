-- The staged demo events' proposals with their event dates and first theme (their status histories
-- are drawn from these).
select p.proposal_id, s.event_date, min(pt.theme_id) as theme_id
from proposals as p
join demo_stage as s on s.event_id = p.event_id
left join proposal_themes as pt on pt.proposal_id = p.proposal_id
group by p.proposal_id, s.event_date
order by p.proposal_id
