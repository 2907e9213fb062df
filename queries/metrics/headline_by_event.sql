-- The headline metrics the Overview's tiles show, under filters without a theme or status: the row of
-- summary_by_event.sql and summary_by_event_days.sql without their two medians of days, which no tile
-- shows and which cost most of those statements (they count the days of every answered proposal in
-- view). Without the medians' columns, reading one from this row is an error, not a blank.
with no_medians as (
    select null::double as response_median, null::double as implementation_median
)

select * exclude (
    median_days_to_response,
    basis_median_days_to_response,
    median_days_to_implementation,
    basis_median_days_to_implementation
)
from metric_summary_by_event($regions, $themes, $date_from, $date_to, $event_types, $include_demo, 'no_medians')
