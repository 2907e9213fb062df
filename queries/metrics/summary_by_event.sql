-- Every headline metric under the filters, in one row: the one definition of each figure the pages,
-- briefings, exports and `stats` show (ids, labels and words in data/metrics.csv, read by
-- dashboard/metrics.py, which chooses one of the four summary_*.sql for the filters; each gives the
-- same figures as counting proposal by proposal, tests/test_derived.py). basis_<id> is how many
-- events a metric rests on. The event figures and the ratios are macros/metrics.sql's.
--
-- This one: no theme or status filter and dates on month boundaries. The proposals in view are
-- exactly those of the events in view, so their figures add up from each event's (schema/012; the
-- row is metric_summary_by_event's, shared with summary_by_event_days.sql), and the medians from the
-- counts per day value of the monthly cells (schema/014).
with medians as (
    select * from outcome_day_medians($regions, $date_from, $date_to, $event_types, $include_demo)
)

select * from metric_summary_by_event($regions, $themes, $date_from, $date_to, $event_types, $include_demo, 'medians')
