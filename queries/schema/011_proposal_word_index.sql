-- A word index for proposal search (queries/proposals_by_search.sql): the lower-cased words of
-- every proposal text (runs of letters and digits), so a search term is looked up among the
-- distinct words and their proposals instead of scanning every text. Search answers exactly as the
-- plain substring search (tests/test_search.py).
-- Kept by queries/derived/refresh_words.sql with the other derived tables; left out of backups.
create table derived_words (
    word_id integer not null,
    word varchar not null
);

-- Postings, appended in word order per refresh: DuckDB skips row groups by their word_id range.
create table derived_proposal_words (
    word_id integer not null,
    proposal_id bigint not null
);

-- Which text each indexed proposal had, so a refresh indexes only new or changed texts (and drops
-- the postings of a changed one). Postings of a deleted proposal stay until the next full refresh;
-- search meets them only through proposals in view, so they are never found.
create table derived_indexed_texts (
    proposal_id bigint not null,
    text_hash ubigint not null
);
