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

-- The proposal figures from one row per event (schema/012 and 014): each event's proposals per
-- status, and its answered (implemented) proposals' days with their status and theme mask, kept
-- to those in view. Under a theme filter the proposals' count is not an event's: it adds up the
-- monthly cells (schema/014) for month-aligned dates, else counts proposal by proposal. Both give
-- the figures of a count over every proposal (tests/test_derived.py).
wanted as (
    select coalesce(themes_mask($themes), 0) as mask
),

event_lists as (
    select
        e.event_id,
        e.proposals,
        e.status_sizes,
        e.response_days,
        e.implementation_days
    from events_in_view as e
    where len($themes) = 0 and len($statuses) = 0
    union all
    select
        e.event_id,
        e.proposals,
        list_filter(e.status_sizes, lambda n, i: outcome_element_in_view($themes, $statuses, w.mask, e.statuses[i], e.status_theme_masks[i])),
        list_filter(e.response_days, lambda d, i: outcome_element_in_view($themes, $statuses, w.mask, e.response_statuses[i], e.response_theme_masks[i])),
        list_filter(e.implementation_days, lambda d, i: outcome_element_in_view($themes, $statuses, w.mask, e.implementation_statuses[i], e.implementation_theme_masks[i]))
    from events_in_view as e
    cross join wanted as w
    where len($themes) > 0 or len($statuses) > 0
),

theme_proposals as (
    select sum(proposals)::bigint as proposals
    from outcome_cells_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses)
    where len($themes) > 0 and months_aligned($date_from, $date_to)
    union all
    select count(*) as proposals
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses)
    where len($themes) > 0 and not months_aligned($date_from, $date_to)
),

proposal_figures as (
    select
        case
            when len($themes) = 0 then coalesce(sum(list_sum(status_sizes)), 0)::bigint
            else (select coalesce(sum(proposals), 0)::bigint from theme_proposals)
        end as proposals,
        count(*) filter (where len(status_sizes) > 0) as basis_proposals,
        coalesce(sum(len(response_days)), 0)::bigint as answered,
        (select median(d) from event_lists, unnest(response_days) as u(d)) as median_days_to_response,
        count(*) filter (where len(response_days) > 0) as basis_median_days_to_response,
        coalesce(sum(len(implementation_days)), 0)::bigint as implemented,
        (select median(d) from event_lists, unnest(implementation_days) as u(d)) as median_days_to_implementation,
        count(*) filter (where len(implementation_days) > 0) as basis_median_days_to_implementation
    from event_lists
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
