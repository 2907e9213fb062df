insert into events (
    fingerprint, content_hash, title, topic, event_type, event_date, region_id, city, venue,
    organiser, moderator, purpose, language, source_file, source_text, is_demo, warnings
)
values (
    $fingerprint, $content_hash, $title, $topic, $event_type, $event_date, $region_id, $city, $venue,
    $organiser, $moderator, $purpose, $language, $source_file, $source_text, $is_demo, $warnings
)
returning event_id
