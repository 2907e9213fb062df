-- All presentations of one event in one statement; lists are aligned by position.
insert into presentations (event_id, position, title)
select $event_id, unnest($positions::integer[]), unnest($titles::varchar[])
