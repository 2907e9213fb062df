-- Bring the proposal word index (schema/011_proposal_word_index.sql, 013) and the shown rows of
-- search (derived_search_rows, schema/013) up to date for the events in $event_ids, or rebuild them
-- for every proposal when $event_ids is null. Runs inside the writer's transaction, after
-- queries/derived/refresh.sql.
delete from derived_proposal_words where $event_ids is null;

delete from derived_indexed_texts where $event_ids is null;

delete from derived_words where $event_ids is null;

-- The events' proposals (every proposal on a full rebuild), read once for both tables.
create or replace temp table event_proposals as
select p.proposal_id, p.event_id, p.position, p.text, hash(p.text) as text_hash
from proposals as p
where $event_ids is null or list_contains($event_ids, p.event_id);

create or replace temp table texts_to_index as
select t.proposal_id, t.event_id, t.text, t.text_hash
from event_proposals as t
where not exists (
    select 1
    from derived_indexed_texts as i
    where i.proposal_id = t.proposal_id and i.text_hash = t.text_hash
);

-- Texts indexed before and changed since, and those of the events' proposals deleted since, lose
-- their words: the index stays exact, and search needs no proposal row to know a posting is current.
create or replace temp table texts_to_forget as
select i.proposal_id
from derived_indexed_texts as i
where i.event_id in (select unnest($event_ids))
  and (
      i.proposal_id in (select proposal_id from texts_to_index)
      or i.proposal_id not in (select proposal_id from event_proposals)
  );

delete from derived_proposal_words
where proposal_id in (select proposal_id from texts_to_forget);

delete from derived_indexed_texts
where proposal_id in (select proposal_id from texts_to_forget);

-- A word is a run of letters and digits of the lower-cased text, as the search splits its term.
-- Each distinct text is split once (demo proposals share a few thousand wordings).
create or replace temp table words_to_index as
with text_words as (
    select distinct text, word
    from (
        select text, unnest(regexp_split_to_array(lower(text), '[^\p{L}\p{N}]+')) as word
        from (select distinct text from texts_to_index)
    )
    where word <> ''
)

select t.proposal_id, t.event_id, w.word
from texts_to_index as t
join text_words as w on w.text = t.text;

insert into derived_words
select (select coalesce(max(word_id), 0) from derived_words) + row_number() over (order by word), word
from (
    select distinct word from words_to_index
    except
    select word from derived_words
);

insert into derived_proposal_words
select w.word_id, x.proposal_id, x.event_id
from words_to_index as x
join derived_words as w on w.word = x.word
order by w.word_id, x.proposal_id;

insert into derived_indexed_texts
select proposal_id, text_hash, event_id from texts_to_index order by proposal_id;

drop table texts_to_index;

drop table texts_to_forget;

drop table words_to_index;

-- Every row of the events (a title, date, label or text may have changed), newest event first. Rows
-- added by later refreshes follow the rebuilt ones: in their own few blocks, still read together.
delete from derived_search_rows where $event_ids is null;

delete from derived_search_rows
where event_id in (select unnest($event_ids));

insert into derived_search_rows
with labels as (
    select
        pt.proposal_id,
        list({'theme_id': pt.theme_id, 'source': pt.source, 'evidence': pt.evidence} order by pt.theme_id) as labels
    from proposal_themes as pt
    semi join event_proposals as p on p.proposal_id = pt.proposal_id
    group by pt.proposal_id
)

select p.proposal_id, p.event_id, p.position, e.event_date, p.text, e.title, e.region_id, l.labels
from event_proposals as p
join events as e on e.event_id = p.event_id
left join labels as l on l.proposal_id = p.proposal_id
order by e.event_date desc nulls last, p.event_id, p.position;

drop table event_proposals;
