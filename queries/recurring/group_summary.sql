-- The Outcomes page's recurring groups: recurring/groups without the member lists (the page
-- fetches the members of the one group selected, recurring/group_members). Same groups, same
-- order and the same figures: groups with proposals in view raised at $min_events events or
-- more, largest first, labelled with the group's most frequent wording.
--
-- Without a theme or status filter the proposals in view are those of the events in view, and
-- each event keeps its groups and their sizes (schema/012): the groups are counted from one row
-- per event. Otherwise proposal by proposal. Both answer the same (tests/test_derived.py).
with events_in_view as materialized (
    select e.event_id, e.region_id, e.event_date, e.recurring_group_ids, e.recurring_group_sizes,
        e.recurring_status_group_ids, e.recurring_statuses, e.recurring_status_sizes
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
    where len($themes) = 0 and len($statuses) = 0 and len(e.recurring_group_ids) > 0
),

members as materialized (
    select g.group_id, s.proposal_id, s.event_id, s.region_id, s.event_date, s.status
    from derived_recurring as g
    join status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as s
        on s.proposal_id = g.proposal_id
    where len($themes) > 0 or len($statuses) > 0
),

-- One row per group and event in view, with how many of the event's proposals are in the group.
group_events as materialized (
    select event_id, region_id, event_date, unnest(recurring_group_ids) as group_id, unnest(recurring_group_sizes) as size
    from events_in_view
    union all
    select event_id, any_value(region_id), any_value(event_date), group_id, count(*)
    from members
    group by group_id, event_id
),

group_status_counts as (
    select group_id, status, sum(proposals)::bigint as proposals
    from (
        select
            unnest(recurring_status_group_ids) as group_id,
            unnest(recurring_statuses) as status,
            unnest(recurring_status_sizes) as proposals
        from events_in_view
    )
    group by group_id, status
    union all
    select group_id, status, count(*) as proposals
    from members
    group by group_id, status
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
    from group_status_counts
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
