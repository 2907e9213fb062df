-- Proposals of several new events, with where each stands in its source text, in one statement;
-- lists are aligned row by row.
insert into proposals (event_id, position, text, span_start, span_end)
select
    unnest($event_ids::integer[]),
    unnest($positions::integer[]),
    unnest($texts::varchar[]),
    unnest($starts::integer[]),
    unnest($ends::integer[])
returning proposal_id, event_id, position
