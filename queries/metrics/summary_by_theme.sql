-- The headline metrics (see summary_by_event.sql) with one theme, no status filter and dates on
-- month boundaries, from the cells per theme of schema/015 (macros/metrics.sql): one row per cell,
-- or per cell and day value, instead of every event in view and every answered proposal's days.
select
    e.* exclude (counted),
    e.counted.proposals,
    e.events as basis_proposals,
    e.counted.answered,
    d.response_median as median_days_to_response,
    e.counted.answered_events as basis_median_days_to_response,
    e.counted.implemented,
    d.implementation_median as median_days_to_implementation,
    e.counted.implemented_events as basis_median_days_to_implementation,
    unnest(metric_proposal_ratios(e.events, e.counted.proposals, e.events, e.counted.answered, e.counted.implemented))
from theme_event_figures($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e,
    theme_day_medians($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as d
