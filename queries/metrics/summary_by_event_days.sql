-- The headline metrics (see summary_by_event.sql) with no theme or status filter and dates off month
-- boundaries: as summary_by_event.sql, but the medians from the days of each event in view.
select
    e.* exclude (counted),
    e.counted.proposals,
    e.counted.events_with_proposals as basis_proposals,
    e.counted.answered,
    r.median as median_days_to_response,
    e.counted.answered_events as basis_median_days_to_response,
    e.counted.implemented,
    i.median as median_days_to_implementation,
    e.counted.implemented_events as basis_median_days_to_implementation,
    unnest(metric_proposal_ratios(
        e.events, e.counted.proposals, e.counted.events_with_proposals, e.counted.answered, e.counted.implemented
    ))
from metric_event_figures($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e,
    events_days_median($regions, $themes, $date_from, $date_to, $event_types, $include_demo, 'response') as r,
    events_days_median($regions, $themes, $date_from, $date_to, $event_types, $include_demo, 'implementation') as i
