-- recurring/group_summary with two themes or more and no status filter (dashboard/recurring.py chooses
-- it), from the cells by theme mask (schema/017) over the whole months within the dates: a group's
-- events are those whose grouped proposals' masks, ORed, share a bit with the filter's, its proposals
-- those whose own mask does. The part-months at either end (in_part_months) proposal by proposal.
-- Same groups, order and figures as recurring/group_summary (tests/test_derived.py).
with event_cells as (
    select c.group_id, c.region_id, c.events, c.first_date, c.last_date
    from derived_recurring_event_masks as c
    where passes_filters(
          $regions, whole_months_from($date_from), whole_months_to($date_to), $event_types, $include_demo,
          c.region_id, c.month, c.event_type, c.is_demo
      )
      and c.members_mask & themes_mask($themes) <> 0
),

status_cells as (
    select c.group_id, c.region_id, c.status, c.proposals
    from derived_recurring_status_masks as c
    where passes_filters(
          $regions, whole_months_from($date_from), whole_months_to($date_to), $event_types, $include_demo,
          c.region_id, c.month, c.event_type, c.is_demo
      )
      and c.theme_mask & themes_mask($themes) <> 0
),

members as materialized (
    select g.group_id, s.event_id, s.region_id, s.event_date, s.status
    from derived_recurring as g
    join derived_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as s
        on s.proposal_id = g.proposal_id
    where in_part_months(s.event_date, $date_from, $date_to)
),

-- Per group and region: events in view with their dates, from the cells and from the part-months'
-- events (one row each).
group_events as materialized (
    select group_id, region_id, sum(events) as events, min(first_date) as first_date, max(last_date) as last_date
    from event_cells
    group by group_id, region_id
    union all
    select group_id, any_value(region_id), 1, any_value(event_date), any_value(event_date)
    from members
    group by group_id, event_id
),

group_status_counts as materialized (
    select group_id, status, sum(proposals)::bigint as proposals
    from (
        select group_id, status, proposals
        from status_cells
        union all
        select group_id, status, 1
        from members
    )
    group by group_id, status
),

kept as (
    select e.group_id, s.size, e.events, e.first_date, e.last_date
    from (
        select group_id, sum(events)::bigint as events, min(first_date) as first_date, max(last_date) as last_date
        from group_events
        group by group_id
        having sum(events) >= $min_events
    ) as e
    join (select group_id, sum(proposals)::bigint as size from group_status_counts group by group_id) as s
        on s.group_id = e.group_id
)

select * from recurring_group_rows('kept', 'group_events', 'group_status_counts')
