-- Demo events drawn in Python (demo_events_in), given ids, titles and places.
create or replace temp table demo_stage as
with places as (
    select
        region,
        place,
        place_index,
        count(*) over (partition by region) as n_places
    from demo_places
)

select
    nextval('event_id_seq') as event_id,
    md5('demo|' || $seed || '|' || e.demo_index) as fingerprint,
    e.demo_index,
    r.region_id,
    e.event_date::date as event_date,
    e.event_type,
    e.language,
    e.total::integer as total,
    e.women::integer as women,
    e.men::integer as men,
    e.n_proposals::integer as n_proposals,
    e.region,
    p.place as city,
    case e.language
        when 'ru' then replace(replace(replace($title_ru, '{type}', tl.label_ru), '{topic}', lower(th.label_ru)), '{region}', r.name_ru)
        else replace(replace(replace($title_en, '{type}', tl.label_en), '{topic}', lower(th.label_en)), '{region}', r.name)
    end as title,
    case e.language when 'ru' then th.label_ru else th.label_en end as topic
from demo_events_in as e
join regions as r on r.name = e.region
join demo_type_labels as tl on tl.event_type = e.event_type
join demo_theme_labels as th on th.theme_id = e.topic
join places as p on p.region = e.region and p.place_index = e.place_pick % p.n_places
