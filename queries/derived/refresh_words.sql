-- Bring the proposal word index (schema/011_proposal_word_index.sql) up to date for the events in
-- $event_ids, or rebuild it for every proposal when $event_ids is null. Runs inside the writer's
-- transaction, after queries/derived/refresh.sql.
delete from derived_proposal_words where $event_ids is null;

delete from derived_indexed_texts where $event_ids is null;

delete from derived_words where $event_ids is null;

create or replace temp table texts_to_index as
select p.proposal_id, p.text, hash(p.text) as text_hash
from proposals as p
where ($event_ids is null or list_contains($event_ids, p.event_id))
  and not exists (
      select 1
      from derived_indexed_texts as i
      where i.proposal_id = p.proposal_id and i.text_hash = hash(p.text)
  );

-- Texts indexed before and changed since lose their old words first: the index stays exact.
delete from derived_proposal_words
where proposal_id in (
    select i.proposal_id
    from derived_indexed_texts as i
    semi join texts_to_index as t on t.proposal_id = i.proposal_id
);

-- A word is a run of letters and digits of the lower-cased text, as the search splits its term.
create or replace temp table words_to_index as
select distinct proposal_id, word
from (
    select proposal_id, unnest(regexp_split_to_array(lower(text), '[^\p{L}\p{N}]+')) as word
    from texts_to_index
)
where word <> '';

insert into derived_words
select (select coalesce(max(word_id), 0) from derived_words) + row_number() over (order by word), word
from (
    select distinct word from words_to_index
    except
    select word from derived_words
);

insert into derived_proposal_words
select w.word_id, x.proposal_id
from words_to_index as x
join derived_words as w on w.word = x.word
order by w.word_id, x.proposal_id;

delete from derived_indexed_texts
where proposal_id in (select proposal_id from texts_to_index);

insert into derived_indexed_texts
select proposal_id, text_hash from texts_to_index order by proposal_id;

drop table texts_to_index;

drop table words_to_index;
