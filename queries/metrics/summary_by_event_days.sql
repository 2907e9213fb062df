-- The headline metrics (see summary_by_event.sql) with no theme or status filter and dates off month
-- boundaries: as summary_by_event.sql, but the medians from the days of each event in view.
with medians as (
    select r.median as response_median, i.median as implementation_median
    from events_days_median($regions, $themes, $date_from, $date_to, $event_types, $include_demo, 'response') as r,
        events_days_median($regions, $themes, $date_from, $date_to, $event_types, $include_demo, 'implementation') as i
)

select * from metric_summary_by_event($regions, $themes, $date_from, $date_to, $event_types, $include_demo, 'medians')
