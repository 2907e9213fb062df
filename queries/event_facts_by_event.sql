-- What one report states about its event (Events page, per-event view).
select
    e.event_id,
    e.title,
    e.topic,
    e.event_date as date,
    r.name as region,
    e.city,
    e.venue,
    coalesce(t.label_en, e.event_type) as event_type,
    e.organiser,
    e.moderator,
    e.purpose,
    e.language,
    e.source_file,
    e.source_text,
    e.is_demo,
    e.warnings
from events as e
left join regions as r on r.region_id = e.region_id
left join event_types as t on t.event_type = e.event_type
where e.event_id = $event_id
