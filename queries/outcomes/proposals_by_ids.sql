-- The given proposals with their event and current follow-up status, oldest event first
-- (a recurring group's drill-down).
select
    s.proposal_id,
    p.text as proposal,
    e.title as event_title,
    r.name as region,
    e.event_date as date,
    s.status,
    s.status_date,
    s.responsible_body,
    p.event_id
from proposal_status as s
join proposals as p on p.proposal_id = s.proposal_id
join events as e on e.event_id = p.event_id
left join regions as r on r.region_id = e.region_id
where list_contains($proposal_ids, s.proposal_id)
order by e.event_date nulls last, s.proposal_id
