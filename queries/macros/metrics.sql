-- The parts of the headline metrics (queries/metrics/summary_*.sql, one statement per path,
-- chosen by dashboard/metrics.py) that every path shares; re-applied on every connect.

-- The event columns of the metrics' row from one row of sums over events (`sums`: the name of the
-- calling macro's CTE): the same columns, in the same order, whichever table the sums come from.
-- `counted` (a struct of the proposals' figures) is passed through for the caller to read.
create or replace macro event_figure_columns(sums) as table
    select
        events,
        events as basis_events,
        demo_events,
        participants,
        basis_participants,
        participants_with_split,
        basis_participants_with_split,
        women_with_split,
        women,
        basis_women,
        men,
        basis_men,
        unspecified,
        basis_unspecified,
        100.0 * women_with_split / nullif(participants_with_split, 0) as women_share,
        basis_participants_with_split as basis_women_share,
        regions_covered,
        events as basis_regions_covered,
        counted
    from query_table(sums);

-- The figures of the events in view, in one row: the event columns of the metrics' row. An event
-- has a gender split when its report states the total and how many were women: women's share is
-- women over participants at those events only, so both numbers come from the same events.
-- `counted` holds each event's own follow-up figures (schema/012 and 014) added up, for the paths
-- that count proposals by event; what a path leaves unread DuckDB does not compute.
create or replace macro metric_event_figures(regions, themes, date_from, date_to, event_types, include_demo) as table
    with sums as (
        select
            count(*) as events,
            count(*) filter (where e.is_demo) as demo_events,
            count(distinct e.region_id) as regions_covered,
            coalesce(sum(e.total), 0)::bigint as participants,
            count(e.total) as basis_participants,
            coalesce(sum(e.total) filter (where e.has_split), 0)::bigint as participants_with_split,
            coalesce(sum(e.women) filter (where e.has_split), 0)::bigint as women_with_split,
            count(*) filter (where e.has_split) as basis_participants_with_split,
            coalesce(sum(e.women), 0)::bigint as women,
            count(e.women) as basis_women,
            coalesce(sum(e.men), 0)::bigint as men,
            count(e.men) as basis_men,
            coalesce(sum(e.unspecified), 0)::bigint as unspecified,
            count(e.unspecified) as basis_unspecified,
            struct_pack(
                proposals := coalesce(sum(e.proposals), 0)::bigint,
                events_with_proposals := count(*) filter (where e.proposals > 0),
                answered := coalesce(sum(e.answered), 0)::bigint,
                answered_events := count(*) filter (where e.answered > 0),
                implemented := coalesce(sum(e.implemented), 0)::bigint,
                implemented_events := count(*) filter (where e.implemented > 0),
                -- Events with an answered (implemented) proposal of a filtered theme.
                theme_answered_events := count(*) filter (where e.answered_theme_mask & e.mask <> 0),
                theme_implemented_events := count(*) filter (where e.implemented_theme_mask & e.mask <> 0)
            ) as counted
        from (
            select v.*, v.total is not null and v.women is not null as has_split, w.mask
            from derived_events_in_view(regions, themes, date_from, date_to, event_types, include_demo) as v,
                (select coalesce(themes_mask(themes), 0) as mask) as w
        ) as e
    )

    select * from event_figure_columns('sums');

-- Median days to response (kind 'response') or to implementation ('implementation') of the
-- proposals in view, without a status filter, from the events' day lists (schema/012 and 014):
-- with a theme filter only the days of proposals with a filtered theme (the parallel theme mask
-- lists), read only from events that have such a proposal. Counted per day value first: cheaper
-- than median() over every value.
create or replace macro events_days_median(regions, themes, date_from, date_to, event_types, include_demo, kind) as table
    with days as (
        select
            unnest(if(kind = 'response', t.response_days, t.implementation_days)) as days,
            unnest(if(kind = 'response', t.response_theme_masks, t.implementation_theme_masks)) as theme_mask,
            w.mask
        from derived_events_in_view(regions, themes, date_from, date_to, event_types, include_demo) as t,
            (select coalesce(themes_mask(themes), 0) as mask) as w
        where len(themes) = 0 or if(kind = 'response', t.answered_theme_mask, t.implemented_theme_mask) & w.mask <> 0
    ),

    counts as (
        select days, count(*) as count
        from days
        where days is not null and (len(themes) = 0 or theme_mask & mask <> 0)
        group by days
    )

    select counted_median(days, count, through, total) as median
    from (select days, count, sum(count) over (order by days) as through, sum(count) over () as total from counts);

-- The metrics of the proposals in view over their count and the events in view (unnest it into
-- columns after the proposals' figures), each with its basis.
create or replace macro metric_proposal_ratios(events, proposals, basis_proposals, answered, implemented) as struct_pack(
    proposals_per_event := proposals / nullif(events, 0),
    basis_proposals_per_event := events,
    share_answered := 100.0 * answered / nullif(proposals, 0),
    basis_share_answered := basis_proposals,
    share_implemented := 100.0 * implemented / nullif(proposals, 0),
    basis_share_implemented := basis_proposals
);

-- The metrics' row when no theme or status filter narrows the proposals (metrics/summary_by_event*.sql):
-- the proposals in view are exactly those of the events in view, so their figures add up from each
-- event's (schema/012). Only the two medians differ between those paths: `medians` is the name of a
-- one-row relation of the calling query (a CTE) with response_median and implementation_median.
create or replace macro metric_summary_by_event(regions, themes, date_from, date_to, event_types, include_demo, medians) as table
    select
        e.* exclude (counted),
        e.counted.proposals,
        e.counted.events_with_proposals as basis_proposals,
        e.counted.answered,
        m.response_median as median_days_to_response,
        e.counted.answered_events as basis_median_days_to_response,
        e.counted.implemented,
        m.implementation_median as median_days_to_implementation,
        e.counted.implemented_events as basis_median_days_to_implementation,
        unnest(metric_proposal_ratios(
            e.events, e.counted.proposals, e.counted.events_with_proposals, e.counted.answered, e.counted.implemented
        ))
    from metric_event_figures(regions, themes, date_from, date_to, event_types, include_demo) as e,
        query_table(medians) as m;

-- The headline metrics under one theme, whole months and no status filter (metrics/summary_by_theme)
-- from the cells per theme of schema/015: the events with a proposal of the theme, as
-- metric_event_figures gives them, and in `counted` the theme's proposals with how many were
-- answered and implemented and the events behind each median.
create or replace macro theme_event_figures(regions, themes, date_from, date_to, event_types, include_demo) as table
    with sums as (
        select
            coalesce(sum(c.events), 0)::bigint as events,
            coalesce(sum(c.events) filter (where c.is_demo), 0)::bigint as demo_events,
            count(distinct c.region_id) as regions_covered,
            coalesce(sum(c.participants), 0)::bigint as participants,
            coalesce(sum(c.participants_events), 0)::bigint as basis_participants,
            coalesce(sum(c.split_participants), 0)::bigint as participants_with_split,
            coalesce(sum(c.split_women), 0)::bigint as women_with_split,
            coalesce(sum(c.split_events), 0)::bigint as basis_participants_with_split,
            coalesce(sum(c.women), 0)::bigint as women,
            coalesce(sum(c.women_events), 0)::bigint as basis_women,
            coalesce(sum(c.men), 0)::bigint as men,
            coalesce(sum(c.men_events), 0)::bigint as basis_men,
            coalesce(sum(c.unspecified), 0)::bigint as unspecified,
            coalesce(sum(c.unspecified_events), 0)::bigint as basis_unspecified,
            struct_pack(
                proposals := coalesce(sum(c.proposals), 0)::bigint,
                answered := coalesce(sum(c.answered), 0)::bigint,
                answered_events := coalesce(sum(c.answered_events), 0)::bigint,
                implemented := coalesce(sum(c.implemented), 0)::bigint,
                implemented_events := coalesce(sum(c.implemented_events), 0)::bigint
            ) as counted
        from derived_theme_event_months as c
        where c.theme_id = themes[1]
          and passes_filters(regions, date_from, date_to, event_types, include_demo, c.region_id, c.month, c.event_type, c.is_demo)
    )

    select * from event_figure_columns('sums');

-- Median days to response and to implementation of one theme's proposals in view (whole months, no
-- status filter) from derived_theme_days, as outcome_day_medians (macros/outcomes.sql) does without one.
create or replace macro theme_day_medians(regions, themes, date_from, date_to, event_types, include_demo) as table
    with counts as (
        select c.days, sum(c.responses) as responses, sum(c.implementations) as implementations
        from derived_theme_days as c
        where c.theme_id = themes[1]
          and passes_filters(regions, date_from, date_to, event_types, include_demo, c.region_id, c.month, c.event_type, c.is_demo)
        group by c.days
    )

    select * from day_count_medians('counts');
