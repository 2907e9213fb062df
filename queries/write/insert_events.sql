-- New events in one statement (one or a bulk import's many); lists are aligned row by row, ids given with their fingerprints.
insert into events (
    fingerprint, content_hash, title, topic, event_type, event_date, region_id, city, venue,
    organiser, moderator, purpose, language, source_file, source_text, is_demo, warnings
)
select
    unnest($fingerprints::varchar[]),
    unnest($content_hashes::varchar[]),
    unnest($titles::varchar[]),
    unnest($topics::varchar[]),
    unnest($event_types::varchar[]),
    unnest($event_dates::date[]),
    unnest($region_ids::varchar[]),
    unnest($cities::varchar[]),
    unnest($venues::varchar[]),
    unnest($organisers::varchar[]),
    unnest($moderators::varchar[]),
    unnest($purposes::varchar[]),
    unnest($languages::varchar[]),
    unnest($source_files::varchar[]),
    unnest($source_texts::varchar[]),
    unnest($is_demo::boolean[]),
    unnest($warnings::varchar[])
returning event_id, fingerprint
