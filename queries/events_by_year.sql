-- Events and participants per year in the filtered view (Overview trend).
select
    year(event_date) as year,
    count(*) as events,
    coalesce(sum(total), 0) as participants
from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
where event_date is not null
group by year
order by year
