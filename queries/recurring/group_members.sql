-- The proposals of one recurring group ($group_id) in view (filters and statuses), with their
-- event and current follow-up status, oldest event first: the Outcomes page's drill-down of
-- a row of recurring/group_summary.
select
    s.proposal_id,
    p.text as proposal,
    e.title as event_title,
    r.name as region,
    e.event_date as date,
    ps.status,
    ps.status_date,
    ps.responsible_body,
    s.event_id
from derived_recurring as g
join status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as s
    on s.proposal_id = g.proposal_id
join proposals as p on p.proposal_id = s.proposal_id
join events as e on e.event_id = s.event_id
join proposal_status as ps on ps.proposal_id = s.proposal_id
left join regions as r on r.region_id = e.region_id
where g.group_id = $group_id
order by e.event_date nulls last, s.proposal_id
