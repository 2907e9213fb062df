-- Which proposals of the filtered view contain $search, a search term that is one word of three or more
-- letters or digits, lower-cased (dashboard/search.py; any other term goes to
-- proposal_search_matches.sql): the first $limit ids, newest event first, with their event's date
-- and `matching`, how many there are in all. A text contains such a term exactly when one of its
-- words contains it, so the word index (schema/011_proposal_word_index.sql, 013) answers alone,
-- and no text is read.
with indexed as (
    select pw.proposal_id, any_value(pw.event_id) as event_id
    from derived_words as w
    join derived_proposal_words as pw on pw.word_id = w.word_id
    where contains(w.word, $search)
    group by pw.proposal_id
),

-- The matches pass through a list so that DuckDB, which cannot estimate them, builds its hash
-- table on them and probes it with the events, not the other way round (a third of the time).
matches as (
    select unnest(found, recursive := true)
    from (select list(struct_pack(proposal_id, event_id)) as found from indexed)
),

-- The region, date, type and demo filters are the events': matches are checked against the events
-- in view. The theme and status filters are each proposal's own: with one of them set, matches are
-- checked against the proposals in view. (Conditions on parameters alone are settled before the
-- tables are read, so only one branch reads anything.)
matching_proposals as materialized (
    select m.proposal_id, m.event_id, e.event_date
    from matches as m
    join derived_events_in_view($regions, [], $date_from, $date_to, $event_types, $include_demo) as e
        on e.event_id = m.event_id
    where len($themes) = 0 and len($statuses) = 0
    union all
    select c.proposal_id, c.event_id, c.event_date
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as c
    semi join matches as m on m.proposal_id = c.proposal_id
    where len($themes) > 0 or len($statuses) > 0
)

select proposal_id, event_id, event_date, (select count(*) from matching_proposals) as matching
from matching_proposals
order by event_date desc nulls last, event_id, proposal_id
limit $limit
