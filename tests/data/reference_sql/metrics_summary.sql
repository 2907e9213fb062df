-- Reference for tests/test_derived.py: metrics/summary as it was before the events' follow-up
-- figures (schema/012), every proposal figure counted proposal by proposal.
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

proposal_figures as (
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
    e.regions_covered,
    e.events as basis_regions_covered,
    p.proposals,
    p.basis_proposals,
    p.answered,
    p.median_days_to_response,
    p.basis_median_days_to_response,
    p.implemented,
    p.median_days_to_implementation,
    p.basis_median_days_to_implementation,
    p.proposals / nullif(e.events, 0) as proposals_per_event,
    e.events as basis_proposals_per_event,
    100.0 * p.answered / nullif(p.proposals, 0) as share_answered,
    p.basis_proposals as basis_share_answered,
    100.0 * p.implemented / nullif(p.proposals, 0) as share_implemented,
    p.basis_proposals as basis_share_implemented
from event_figures as e
cross join proposal_figures as p
