-- Test reference: queries/events_by_year.sql as it was before the derived tables.
-- Events and participants per year in the filtered view (Overview trend).
select
    year(e.event_date) as year,
    count(*) as events,
    coalesce(sum(pa.total), 0) as participants
from ref_filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
left join participation as pa on pa.event_id = e.event_id
where e.event_date is not null
group by year
order by year
