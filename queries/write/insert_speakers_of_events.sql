-- Speakers of several events in one statement; lists are aligned row by row.
insert into speakers (event_id, position, name, role)
select
    unnest($event_ids::integer[]),
    unnest($positions::integer[]),
    unnest($names::varchar[]),
    unnest($roles::varchar[])
