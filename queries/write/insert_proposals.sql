-- New proposals of one event in one statement; lists are aligned by position.
insert into proposals (event_id, position, text)
select $event_id, unnest($positions::integer[]), unnest($texts::varchar[])
returning proposal_id, position
