-- region_id is not set: it is part of the event's identity (fingerprint), so it cannot differ.
update events
set content_hash = $content_hash,
    title = $title,
    topic = $topic,
    event_type = $event_type,
    event_date = $event_date,
    city = $city,
    venue = $venue,
    organiser = $organiser,
    moderator = $moderator,
    purpose = $purpose,
    language = $language,
    source_file = $source_file,
    source_text = $source_text,
    is_demo = $is_demo,
    warnings = $warnings,
    ingested_at = current_timestamp
where event_id = $event_id
