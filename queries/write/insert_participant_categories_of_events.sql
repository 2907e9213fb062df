-- Participant groups of several events in one statement; lists are aligned row by row.
insert into participant_categories (event_id, category)
select unnest($event_ids::integer[]), unnest($categories::varchar[])
