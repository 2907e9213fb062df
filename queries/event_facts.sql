-- One event's facts and participation (event fact sheet).
select
    e.event_id,
    e.title,
    e.topic,
    coalesce(t.label_en, e.event_type) as event_type,
    e.event_type as event_type_id,
    e.event_date,
    r.name as region,
    e.city,
    e.venue,
    e.organiser,
    e.moderator,
    e.purpose,
    e.is_demo,
    pa.total as participants,
    pa.women,
    pa.men,
    pa.unspecified
from events as e
left join regions as r on r.region_id = e.region_id
left join event_types as t on t.event_type = e.event_type
left join participation as pa on pa.event_id = e.event_id
where e.event_id = $event_id
