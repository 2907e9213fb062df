-- Which proposals of the filtered view contain $search (any case): the first $limit ids, newest
-- event first, with their event's date and `matching`, how many there are in all (the Proposals
-- table; its rows come from proposal_rows.sql, fetched by id). Answers any term; dashboard/search.py
-- sends a term of one word to the quicker proposal_search_word_matches.sql. Matches are found in
-- the word index (schema/011_proposal_word_index.sql, 013) and filtered through their events'
-- derived rows, so a search reads neither every text nor every proposal's derived row, unless the
-- term has more than one word or none of three characters, or a theme or status filter is set.

-- The term's words of three or more characters, split as the word index splits texts
-- (queries/derived/refresh_words.sql); shorter words are in too many texts for the index to help.
with term_words as (
    select distinct word
    from (select unnest(regexp_split_to_array(lower($search), '[^\p{L}\p{N}]+')) as word)
    where length(word) >= 3
),

-- Proposals with, for each of those words, an indexed word containing it: every text that
-- contains the term is among them.
indexed as (
    select pw.proposal_id, any_value(pw.event_id) as event_id
    from term_words as t
    join derived_words as w on contains(w.word, t.word)
    join derived_proposal_words as pw on pw.word_id = w.word_id
    group by pw.proposal_id
    having count(distinct t.word) = (select count(*) from term_words)
),

-- A term that is one such word is in a text exactly when one of the text's words contains it,
-- so the index answers it alone. A longer term is checked against the texts the index names;
-- a term without such a word, against every text. (Conditions on $search alone are settled
-- before the tables are read, so only one branch reads anything.)
text_matches as (
    select proposal_id, event_id
    from indexed
    where regexp_full_match(lower($search), '[\p{L}\p{N}]{3,}')
    union all
    select p.proposal_id, p.event_id
    from proposals as p
    semi join indexed as i on i.proposal_id = p.proposal_id
    where regexp_matches(lower($search), '[\p{L}\p{N}]{3,}')
      and not regexp_full_match(lower($search), '[\p{L}\p{N}]{3,}')
      and contains(lower(p.text), lower($search))
    union all
    select p.proposal_id, p.event_id
    from proposals as p
    where $search <> ''
      and not regexp_matches(lower($search), '[\p{L}\p{N}]{3,}')
      and contains(lower(p.text), lower($search))
),

-- The region, date, type and demo filters are the events': matches are checked against the events
-- in view. The theme and status filters are each proposal's own: with one of them set, matches are
-- checked against the proposals in view.
matching_proposals as (
    select c.proposal_id, c.event_id, c.event_date
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as c
    where $search = ''
    union all
    select m.proposal_id, m.event_id, e.event_date
    from text_matches as m
    join derived_events_in_view($regions, [], $date_from, $date_to, $event_types, $include_demo) as e
        on e.event_id = m.event_id
    where $search <> '' and len($themes) = 0 and len($statuses) = 0
    union all
    select c.proposal_id, c.event_id, c.event_date
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as c
    semi join text_matches as m on m.proposal_id = c.proposal_id
    where $search <> '' and (len($themes) > 0 or len($statuses) > 0)
),

ranked as (
    select proposal_id, event_id, event_date, count(*) over () as matching
    from matching_proposals
)

select proposal_id, event_id, event_date, matching
from ranked
order by event_date desc nulls last, event_id, proposal_id
limit $limit
