-- Export: the filtered events, one row each.
select
    e.event_id,
    e.title,
    e.topic,
    e.event_type,
    e.event_date,
    r.name as region,
    e.city,
    e.venue,
    e.organiser,
    e.moderator,
    e.purpose,
    e.language,
    e.source_file,
    e.is_demo
from filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
left join regions as r on r.region_id = e.region_id
order by e.event_date, e.event_id
