-- The first $limit proposals of the filtered view, newest event first, with their event's date and
-- `matching`, how many there are in all: the Proposals table before anything is searched
-- (dashboard/search.py; its rows then come from proposal_rows.sql). Not for a theme filter and a
-- status filter together (proposal_search_matches.sql answers those).
--
-- Each event in view with a proposal in view holds at least one of them, so the first $limit lie
-- in the newest $limit such events: only those events' proposals are read, not every proposal in
-- view. An event has a proposal in view when its theme mask meets the filtered themes (the OR of
-- its proposals' masks) or, with a status filter, one of its proposals' statuses is filtered.
with newest_events as (
    select e.event_id, e.event_date
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
    where e.proposals > 0 and (len($statuses) = 0 or list_has_any(e.statuses, $statuses))
    order by e.event_date desc nulls last, e.event_id
    limit $limit
),

-- Their proposals. Without a status filter from derived_search_rows, kept newest first: joined on
-- the date too, DuckDB reads only the blocks of those dates (undated events, last in the order, are
-- joined on their id alone). Kept apart from the theme condition, which would otherwise be checked
-- on every row before the join.
newest_rows as materialized (
    select p.proposal_id, p.event_id, p.event_date, p.labels
    from derived_search_rows as p
    join newest_events as n on n.event_id = p.event_id and n.event_date = p.event_date
    where len($statuses) = 0
    union all
    select p.proposal_id, p.event_id, p.event_date, p.labels
    from derived_search_rows as p
    join newest_events as n on n.event_id = p.event_id
    where len($statuses) = 0 and n.event_date is null and p.event_date is null
),

-- Their proposals in view; with a status filter from derived_proposals, which holds each proposal's
-- status. (Conditions on parameters alone are settled before the tables are read, so only one
-- branch reads anything.)
newest_proposals as (
    select proposal_id, event_id, event_date
    from newest_rows
    where len($themes) = 0 or list_has_any([l.theme_id for l in labels], $themes)
    union all
    select p.proposal_id, p.event_id, p.event_date
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as p
    semi join newest_events as n on n.event_id = p.event_id
    where len($statuses) > 0
),

-- How many in all: without a theme filter added up from the events' own counts (per status with a
-- status filter, schema/012); with one theme and dates on month boundaries, from the theme's
-- monthly cells (derived_theme_months: a proposal is there once per theme); otherwise counted
-- proposal by proposal.
events_in_view as (
    select e.proposals, e.statuses, e.status_sizes
    from derived_events_in_view($regions, [], $date_from, $date_to, $event_types, $include_demo) as e
    where len($themes) = 0
),


matching as (
    select coalesce(sum(proposals), 0) as matching
    from events_in_view
    where len($statuses) = 0
    union all
    select coalesce(sum(size), 0) as matching
    from (select unnest(statuses) as status, unnest(status_sizes) as size from events_in_view)
    where len($statuses) > 0 and list_contains($statuses, status)
    union all
    select coalesce(sum(proposals), 0) as matching
    from theme_months_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
    where len($themes) = 1 and len($statuses) = 0 and months_aligned($date_from, $date_to)
    union all
    select count(*) as matching
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses)
    where len($themes) > 0 and not (len($themes) = 1 and len($statuses) = 0 and months_aligned($date_from, $date_to))
)

select proposal_id, event_id, event_date, (select sum(matching) from matching)::bigint as matching
from newest_proposals
order by event_date desc nulls last, event_id, proposal_id
limit $limit
