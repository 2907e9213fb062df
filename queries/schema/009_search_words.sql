-- Schema version 9: a word index for proposal search, kept with the derived tables
-- (queries/derived/refresh.sql fills it in the writer's transaction; backups leave it out).
--
-- A word is a run of letters, marks, digits and underscores in the lower-cased text. A search
-- term made of such characters only is found in a text exactly when it is inside one of the
-- text's words, so proposals_by_search.sql answers it from the words that contain the term
-- (a scan of the small vocabulary) instead of from every text. Other terms (spaces,
-- punctuation) are still matched against the texts.

create sequence derived_word_id_seq start 1;

-- The vocabulary. Words are only added: one no text uses any more just matches nothing.
create table derived_words (
    word_id integer primary key default nextval('derived_word_id_seq'),
    word varchar not null unique
);

create table derived_proposal_words (
    word_id integer not null,
    proposal_id bigint not null,
    event_id bigint not null
);
