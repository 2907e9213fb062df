-- Sorted by region and date so that DuckDB can skip blocks on the dashboard's filters.
insert into events (
    event_id, fingerprint, content_hash, title, topic, event_type, event_date, region_id, city,
    organiser, language, source_text, is_demo
)
select
    event_id, fingerprint, fingerprint, title, topic, event_type, event_date, region_id, city,
    'Synthetic demo data', language,
    'Synthetic demo record made by the demo command with seed ' || $seed || ', not a real event.',
    true
from demo_stage
order by region_id, event_date;

insert into participation (event_id, total, women, men, unspecified)
select event_id, total, women, men, total - coalesce(women, 0) - coalesce(men, 0)
from demo_stage
order by event_id;
