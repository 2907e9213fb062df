-- The facts of an event that a re-ingest replaces whole (proposals are matched one by one instead).
delete from participation where event_id = $event_id;
delete from participant_categories where event_id = $event_id;
delete from speakers where event_id = $event_id;
delete from presentations where event_id = $event_id;
