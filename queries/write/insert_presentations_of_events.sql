-- Presentations of several events in one statement; lists are aligned row by row.
insert into presentations (event_id, position, title)
select unnest($event_ids::integer[]), unnest($positions::integer[]), unnest($titles::varchar[])
