-- Bench only: women's share per year over the filtered events that report a gender split.
select
    year(event_date) as year,
    coalesce(sum(women), 0) as women,
    sum(total) as participants_with_split,
    coalesce(sum(women), 0) / sum(total) as womens_share
from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
where event_date is not null and (women is not null or men is not null)
group by year
having sum(total) > 0
order by year
