-- The headline metrics (see summary_by_event.sql) with one theme, no status filter and dates on
-- month boundaries, from the cells per theme of schema/015 (macros/metrics.sql): one row per cell,
-- or per cell and day value, instead of every event in view and every answered proposal's days.
select
    e.* exclude (proposals, answered, answered_events, implemented, implemented_events),
    e.proposals,
    e.events as basis_proposals,
    e.answered,
    d.response_median as median_days_to_response,
    e.answered_events as basis_median_days_to_response,
    e.implemented,
    d.implementation_median as median_days_to_implementation,
    e.implemented_events as basis_median_days_to_implementation,
    unnest(metric_proposal_ratios(e.events, e.proposals, e.events, e.answered, e.implemented))
from theme_event_figures($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e,
    theme_day_medians($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as d
