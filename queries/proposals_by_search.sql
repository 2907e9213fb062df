-- Proposals of the filtered view whose text contains $search (any case), with their themes and evidence,
-- newest first, at most $limit rows; `matching` is the count before the limit (Proposals table).
-- Matches are chosen on the derived proposal rows (filter columns and event date) and the word
-- index (schema/011_proposal_word_index.sql), texts and labels gathered for the shown ones only.
-- Within an event, proposal ids follow positions.
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
    select c.proposal_id, c.event_id, c.event_date
    from candidates as c
    semi join (select unnest((select list(proposal_id) from text_matches)) as proposal_id) as m
        on m.proposal_id = c.proposal_id
    where $search <> ''
),

shown as (
    select proposal_id
    from matching_proposals
    order by event_date desc nulls last, event_id, proposal_id
    limit $limit
),

labels as (
    select
        pt.proposal_id,
        string_agg(t.label_en || if(pt.source = 'manual', ' (manual)', ''), ', ' order by t.label_en) as themes,
        string_agg(t.label_en || ': ' || coalesce(pt.evidence, ''), chr(59) || ' ' order by t.label_en) as evidence,
        string_agg(distinct pt.source, ', ' order by pt.source) as label_source
    from proposal_themes as pt
    join themes as t on t.theme_id = pt.theme_id
    where pt.proposal_id in (select proposal_id from shown)
    group by pt.proposal_id
)

select
    s.proposal_id,
    p.event_id,
    p.text as proposal,
    e.title as event_title,
    r.name as region,
    e.event_date as date,
    l.themes,
    l.evidence,
    l.label_source,
    (select count(*) from matching_proposals) as matching
from shown as s
join proposals as p on p.proposal_id = s.proposal_id
join events as e on e.event_id = p.event_id
left join regions as r on r.region_id = e.region_id
left join labels as l on l.proposal_id = s.proposal_id
order by e.event_date desc nulls last, p.event_id, p.position
