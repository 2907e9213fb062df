-- Every headline metric under the filters, in one row: the one definition of each figure the pages,
-- briefings, exports and `stats` show (ids, labels and words in data/metrics.csv, read by
-- dashboard/metrics.py, which chooses one of the four summary_*.sql for the filters; each gives the
-- same figures as counting proposal by proposal, tests/test_derived.py). basis_<id> is how many
-- events a metric rests on. The event figures and the ratios are macros/metrics.sql's.
--
-- This one: no theme or status filter and dates on month boundaries. The proposals in view are
-- exactly those of the events in view, so their figures add up from each event's (schema/012), and
-- the medians from the counts per day value of the monthly cells (schema/014).
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
from metric_event_figures($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e,
    outcome_day_medians($regions, $date_from, $date_to, $event_types, $include_demo) as m
