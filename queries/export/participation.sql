-- Export: participation of the filtered events.
select
    pa.event_id,
    pa.total,
    pa.women,
    pa.men,
    pa.unspecified
from filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
join participation as pa on pa.event_id = e.event_id
order by e.event_date, e.event_id
