-- Schema version 13: proposal search (queries/proposal_search_word_matches.sql, proposal_rows.sql)
-- without reading every proposal, nor fetching its shown rows from all over the base tables.
-- Kept by queries/derived/refresh_words.sql with the other derived tables; left out of backups.

-- Postings and indexed texts name their proposal's event, so a search filters its matches through
-- derived_events (one row per event) instead of derived_proposals (one per proposal), and a refresh
-- finds the postings of an event's deleted proposals.
alter table derived_proposal_words add column event_id integer;

alter table derived_indexed_texts add column event_id integer;

-- The Proposals table's rows as shown, newest event first (as search results are ordered): the
-- first rows a search shows lie together, so fetching them reads a few blocks, not one per row.
-- Theme labels are kept as ids and joined when shown, so renamed labels show their new names.
create table derived_search_rows (
    proposal_id bigint not null,
    event_id integer not null,
    position integer not null,
    event_date date,
    text varchar not null,
    title varchar not null,
    region_id varchar,
    labels struct(theme_id varchar, source varchar, evidence varchar)[]
);
