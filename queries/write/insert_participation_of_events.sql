-- Participant counts of several events in one statement; lists are aligned row by row.
insert into participation (event_id, total, women, men, unspecified)
select
    unnest($event_ids::integer[]),
    unnest($totals::integer[]),
    unnest($women::integer[]),
    unnest($men::integer[]),
    unnest($unspecified::integer[])
