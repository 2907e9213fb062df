-- The Outcomes page's recurring groups: recurring/groups without the member lists (the page
-- fetches the members of the one group selected, recurring/group_members). Same groups, same
-- order and the same figures: groups with proposals in view raised at $min_events events or
-- more, largest first, labelled with the group's most frequent wording.
--
-- Without a status filter and with at most one theme (two or more: group_summary_by_theme_masks.sql,
-- chosen by dashboard/recurring.py), each group's monthly cells (schema/014; yearly ones, schema/016,
-- for the whole years) add up over the whole months within the dates: an event lies in one cell, so
-- its events do too. The part-months at either end (in_part_months), and every month with a status
-- filter or two themes, are counted event by event without a theme (each event keeps its groups and
-- their sizes, schema/012), else proposal by proposal. All answer the same (tests/test_derived.py).
with group_cells as not materialized (
    select c.group_id, c.region_id, c.events, c.proposals, c.first_date, c.last_date, c.statuses, c.status_sizes
    from recurring_cells_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as c
    where len($statuses) = 0 and len($themes) <= 1
),

events_in_view as materialized (
    select e.event_id, e.region_id, e.event_date, e.recurring_group_ids, e.recurring_group_sizes,
        e.recurring_status_group_ids, e.recurring_statuses, e.recurring_status_sizes
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
    where len($themes) = 0 and len($statuses) = 0 and in_part_months(e.event_date, $date_from, $date_to)
      and len(e.recurring_group_ids) > 0
),

members as materialized (
    select g.group_id, s.proposal_id, s.event_id, s.region_id, s.event_date, s.status
    from derived_recurring as g
    join status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as s
        on s.proposal_id = g.proposal_id
    where len($statuses) > 0 or len($themes) > 1
       or (len($themes) = 1 and in_part_months(s.event_date, $date_from, $date_to))
),

-- Per group: rows of events in view (a region's cells added up, or one event's) with how many of
-- their proposals are in the group, and the dates of those events. The cells are read where used,
-- not materialized: copying their status lists cost more than scanning them twice.
group_events as materialized (
    select group_id, region_id, sum(events) as events, sum(proposals) as size, min(first_date) as first_date,
        max(last_date) as last_date
    from group_cells
    group by group_id, region_id
    union all
    select group_id, region_id, 1 as events, size, event_date as first_date, event_date as last_date
    from (
        select region_id, event_date, unnest(recurring_group_ids) as group_id, unnest(recurring_group_sizes) as size
        from events_in_view
    )
    union all
    select group_id, any_value(region_id), 1, count(*), any_value(event_date), any_value(event_date)
    from members
    group by group_id, event_id
),

group_status_counts as (
    select group_id, status, sum(proposals)::bigint as proposals
    from (
        select group_id, unnest(statuses) as status, unnest(status_sizes) as proposals
        from group_cells
        union all
        select
            unnest(recurring_status_group_ids) as group_id,
            unnest(recurring_statuses) as status,
            unnest(recurring_status_sizes) as proposals
        from events_in_view
        union all
        select group_id, status, 1 as proposals
        from members
    )
    group by group_id, status
),

kept as (
    select group_id, sum(size)::bigint as size, sum(events)::bigint as events, min(first_date) as first_date,
        max(last_date) as last_date
    from group_events
    group by group_id
    having sum(events) >= $min_events
)

select * from recurring_group_rows('kept', 'group_events', 'group_status_counts')
