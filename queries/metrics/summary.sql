-- Every headline metric under the filters, in one row: the one definition of each figure
-- the pages, briefings, exports and `stats` show (ids, labels and words in data/metrics.csv,
-- read by dashboard/metrics.py). basis_<id> is how many events a metric rests on.
--
-- An event has a gender split when its report states the total and how many were women:
-- women's share is women over participants at those events only, so both numbers come
-- from the same events. Proposals follow the theme and status filters (schema/008).
with events_in_view as (
    select
        e.*,
        e.total is not null and e.women is not null as has_split
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
),

event_figures as (
    select
        count(*) as events,
        count(*) filter (where is_demo) as demo_events,
        count(distinct region_id) as regions_covered,
        coalesce(sum(total), 0)::bigint as participants,
        count(total) as basis_participants,
        coalesce(sum(total) filter (where has_split), 0)::bigint as participants_with_split,
        coalesce(sum(women) filter (where has_split), 0)::bigint as women_with_split,
        count(*) filter (where has_split) as basis_participants_with_split,
        coalesce(sum(women), 0)::bigint as women,
        count(women) as basis_women,
        coalesce(sum(men), 0)::bigint as men,
        count(men) as basis_men,
        coalesce(sum(unspecified), 0)::bigint as unspecified,
        count(unspecified) as basis_unspecified
    from events_in_view
),

-- Without a theme or status filter the proposals in view are exactly those of the events in
-- view, so their figures add up from each event's (schema/012): one row per event instead of
-- one per proposal. The medians, for month-aligned dates, from the counts per day value
-- (schema/014), else from each event's days.
day_medians as (
    select response_median, implementation_median
    from outcome_day_medians($regions, $date_from, $date_to, $event_types, $include_demo)
    where len($themes) = 0 and len($statuses) = 0 and months_aligned($date_from, $date_to)
    union all
    select r.median, i.median
    from
        (select median(d) as median from events_in_view, unnest(response_days) as u(d)) as r,
        (select median(d) as median from events_in_view, unnest(implementation_days) as u(d)) as i
    where len($themes) = 0 and len($statuses) = 0 and not months_aligned($date_from, $date_to)
),

proposal_figures_by_event as (
    select
        coalesce(sum(proposals), 0)::bigint as proposals,
        count(*) filter (where proposals > 0) as basis_proposals,
        coalesce(sum(answered), 0)::bigint as answered,
        (select max(response_median) from day_medians) as median_days_to_response,
        count(*) filter (where answered > 0) as basis_median_days_to_response,
        coalesce(sum(implemented), 0)::bigint as implemented,
        (select max(implementation_median) from day_medians) as median_days_to_implementation,
        count(*) filter (where implemented > 0) as basis_median_days_to_implementation
    from events_in_view
    where len($themes) = 0 and len($statuses) = 0
),

-- With a theme filter and no status filter, for month-aligned dates: the counts add up the
-- monthly cells (schema/014); the events in view are those with a proposal in view, and those
-- with an answered (implemented) one in view have its theme in their answered_theme_mask
-- (implemented_theme_mask); the medians take the days of the answered (implemented) proposals in
-- view from those events' lists. One row per event or per cell instead of one per proposal.
wanted as (
    select coalesce(themes_mask($themes), 0) as mask
),

proposal_figures_by_theme as (
    select
        c.proposals,
        e.events as basis_proposals,
        c.answered,
        (
            select median(u.days)
            from (
                select unnest(t.response_days) as days, unnest(t.response_theme_masks) as theme_mask
                from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as t,
                    wanted as w
                where len($themes) > 0 and len($statuses) = 0 and months_aligned($date_from, $date_to)
                  and t.answered_theme_mask & w.mask <> 0
            ) as u, wanted as w
            where u.theme_mask & w.mask <> 0
        ) as median_days_to_response,
        e.answered_events as basis_median_days_to_response,
        c.implemented,
        (
            select median(u.days)
            from (
                select unnest(t.implementation_days) as days, unnest(t.implementation_theme_masks) as theme_mask
                from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as t,
                    wanted as w
                where len($themes) > 0 and len($statuses) = 0 and months_aligned($date_from, $date_to)
                  and t.implemented_theme_mask & w.mask <> 0
            ) as u, wanted as w
            where u.theme_mask & w.mask <> 0
        ) as median_days_to_implementation,
        e.implemented_events as basis_median_days_to_implementation
    from (
        select
            coalesce(sum(proposals), 0)::bigint as proposals,
            coalesce(sum(answered), 0)::bigint as answered,
            coalesce(sum(implemented), 0)::bigint as implemented
        from outcome_cells_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses)
        where len($themes) > 0 and len($statuses) = 0 and months_aligned($date_from, $date_to)
    ) as c
    cross join (
        select
            count(*) as events,
            count(*) filter (where t.answered_theme_mask & w.mask <> 0) as answered_events,
            count(*) filter (where t.implemented_theme_mask & w.mask <> 0) as implemented_events
        from events_in_view as t, wanted as w
        where len($themes) > 0 and len($statuses) = 0 and months_aligned($date_from, $date_to)
    ) as e
),

-- Otherwise proposal by proposal. Every path gives the same figures (tests/test_derived.py).
proposal_figures_by_proposal as (
    select
        count(*) as proposals,
        count(distinct event_id) as basis_proposals,
        count(first_response_date) as answered,
        median(first_response_date - event_date) as median_days_to_response,
        count(distinct event_id) filter (where first_response_date is not null) as basis_median_days_to_response,
        count(implemented_date) as implemented,
        median(implemented_date - event_date) as median_days_to_implementation,
        count(distinct event_id) filter (where implemented_date is not null) as basis_median_days_to_implementation
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses)
    where len($statuses) > 0 or (len($themes) > 0 and not months_aligned($date_from, $date_to))
),

proposal_figures as (
    select * from proposal_figures_by_event where len($themes) = 0 and len($statuses) = 0
    union all
    select * from proposal_figures_by_theme where len($themes) > 0 and len($statuses) = 0 and months_aligned($date_from, $date_to)
    union all
    select * from proposal_figures_by_proposal where len($statuses) > 0 or (len($themes) > 0 and not months_aligned($date_from, $date_to))
)

select
    e.events,
    e.events as basis_events,
    e.demo_events,
    e.participants,
    e.basis_participants,
    e.participants_with_split,
    e.basis_participants_with_split,
    e.women_with_split,
    e.women,
    e.basis_women,
    e.men,
    e.basis_men,
    e.unspecified,
    e.basis_unspecified,
    100.0 * e.women_with_split / nullif(e.participants_with_split, 0) as women_share,
    e.basis_participants_with_split as basis_women_share,
    p.proposals,
    p.basis_proposals,
    p.proposals / nullif(e.events, 0) as proposals_per_event,
    e.events as basis_proposals_per_event,
    e.regions_covered,
    e.events as basis_regions_covered,
    p.answered,
    100.0 * p.answered / nullif(p.proposals, 0) as share_answered,
    p.basis_proposals as basis_share_answered,
    p.implemented,
    100.0 * p.implemented / nullif(p.proposals, 0) as share_implemented,
    p.basis_proposals as basis_share_implemented,
    p.median_days_to_response,
    p.basis_median_days_to_response,
    p.median_days_to_implementation,
    p.basis_median_days_to_implementation
from event_figures as e
cross join proposal_figures as p
