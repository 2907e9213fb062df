-- Which proposals of the filtered view contain $search (any case): the first $limit ids, newest
-- event first, with `matching`, how many there are in all (the Proposals table; its rows come from
-- proposal_rows.sql, fetched by id). Matches are found on the derived proposal rows (filter
-- columns and event date) and the word index (schema/011_proposal_word_index.sql); no text is
-- read unless the term has more than one word or none of three characters.
with candidates as (
    select f.proposal_id, f.event_id, f.event_date
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as f
),

-- The term's words of three or more characters, split as the word index splits texts
-- (queries/derived/refresh_words.sql); shorter words are in too many texts for the index to help.
term_words as (
    select distinct word
    from (select unnest(regexp_split_to_array(lower($search), '[^\p{L}\p{N}]+')) as word)
    where length(word) >= 3
),

-- Proposals with, for each of those words, an indexed word containing it: every text that
-- contains the term is among them.
indexed as (
    select pw.proposal_id
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
    select proposal_id
    from indexed
    where regexp_full_match(lower($search), '[\p{L}\p{N}]{3,}')
    union all
    select p.proposal_id
    from proposals as p
    semi join indexed as i on i.proposal_id = p.proposal_id
    where regexp_matches(lower($search), '[\p{L}\p{N}]{3,}')
      and not regexp_full_match(lower($search), '[\p{L}\p{N}]{3,}')
      and contains(lower(p.text), lower($search))
    union all
    select p.proposal_id
    from proposals as p
    where $search <> ''
      and not regexp_matches(lower($search), '[\p{L}\p{N}]{3,}')
      and contains(lower(p.text), lower($search))
),

matching_proposals as (
    select c.proposal_id, c.event_id, c.event_date
    from candidates as c
    where $search = ''
    union all
    -- The matches pass through a list so that DuckDB, which cannot estimate them, builds its hash
    -- table on them and filters the scan of every proposal in view by them, not the other way round.
    select c.proposal_id, c.event_id, c.event_date
    from candidates as c
    semi join (select unnest((select list(proposal_id) from text_matches)) as proposal_id) as m
        on m.proposal_id = c.proposal_id
    where $search <> ''
),

ranked as (
    select proposal_id, event_id, event_date, count(*) over () as matching
    from matching_proposals
)

select proposal_id, event_id, matching
from ranked
order by event_date desc nulls last, event_id, proposal_id
limit $limit
