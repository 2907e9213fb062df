-- All participant groups of one event in one statement.
insert into participant_categories (event_id, category)
select $event_id, unnest($categories::varchar[])
