-- Events and participants per year in the filtered view: the bench's DuckDB-vs-pandas question. The
-- Overview adds the same up from coverage_by_region_year's rows (coverage.events_by_year).
select
    year(event_date) as year,
    count(*) as events,
    coalesce(sum(total), 0) as participants
from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
where event_date is not null
group by year
order by year
