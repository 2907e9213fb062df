-- All speakers of one event in one statement; lists are aligned by position.
insert into speakers (event_id, position, name, role)
select $event_id, unnest($positions::integer[]), unnest($names::varchar[]), unnest($roles::varchar[])
