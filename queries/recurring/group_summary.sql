-- The Outcomes page's recurring groups: recurring/groups without the member lists (the page
-- fetches the members of the one group selected, recurring/group_members). Same groups, same
-- order and the same figures: groups with proposals in view raised at $min_events events or
-- more, largest first, labelled with the group's most frequent wording.
with members as materialized (
    select g.group_id, s.proposal_id, s.event_id, s.region_id, s.event_date, s.status
    from derived_recurring as g
    join status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as s
        on s.proposal_id = g.proposal_id
),

group_events as (
    select group_id, event_id, any_value(region_id) as region_id, any_value(event_date) as event_date, count(*) as size
    from members
    group by group_id, event_id
),

kept as (
    select group_id, sum(size)::bigint as size, count(*) as events, min(event_date) as first_date, max(event_date) as last_date
    from group_events
    group by group_id
    having count(*) >= $min_events
),

group_regions as (
    select m.group_id, list(r.name order by r.name) as regions
    from (select distinct group_id, region_id from group_events) as m
    join regions as r on r.region_id = m.region_id
    group by m.group_id
),

group_statuses as (
    select group_id, list({'status': status, 'proposals': proposals} order by status) as statuses
    from (select group_id, status, count(*) as proposals from members group by group_id, status)
    group by group_id
)

select
    k.group_id,
    p.text as label,
    k.size,
    k.events,
    coalesce(gr.regions, []) as regions,
    k.first_date,
    k.last_date,
    gs.statuses
from kept as k
join derived_recurring as l on l.group_id = k.group_id and l.is_label
join proposals as p on p.proposal_id = l.proposal_id
left join group_regions as gr on gr.group_id = k.group_id
left join group_statuses as gs on gs.group_id = k.group_id
order by k.size desc, k.events desc, k.group_id
