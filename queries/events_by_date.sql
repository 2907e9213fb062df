-- Events in the filtered view, newest first (the Briefing page's event choice).
select
    e.event_id,
    e.event_date,
    e.title,
    coalesce(r.name, 'Unknown region') as region
from filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
left join regions as r on r.region_id = e.region_id
order by e.event_date desc nulls last, e.event_id desc
limit $limit
