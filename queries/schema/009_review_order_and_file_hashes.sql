-- Schema version 9, for speed. (1) The review queue's order and the follow-up status kept with
-- each derived proposal row, so the Data page's queue is a top-N over derived_proposals instead of a minimum over every label of
-- every proposal in view. Filled by queries/derived/refresh.sql like the other columns (the
-- writers of labels and of reviewed_at refresh the events they touched).

-- The classifier's confidence in its least certain label (null when it gave none).
alter table derived_proposals add column confidence double;

-- When a reviewer last saved the proposal's labels (null when never).
alter table derived_proposals add column reviewed_at timestamp;

-- The proposal's current follow-up status (derived_proposal_status, schema/008), so the Outcomes
-- page's queries filter and count without a join; outcomes/refresh_status.sql keeps it with
-- derived_proposal_status.
alter table derived_proposals add column status varchar;
alter table derived_proposals add column status_date date;
alter table derived_proposals add column first_response_date date;
alter table derived_proposals add column implemented_date date;

-- (2) Files already imported, so that re-importing a byte-identical file skips parsing: per
-- file hash (its bytes, its type, the demo flag and the reading code; dashboard/ingest.py),
-- the events it gave. The file is unchanged only while every one of those events is still
-- stored with the same content hash; otherwise it is read again. Like the other derived_
-- tables it is left out of backups (a restored store reads each file once more).
create table derived_imported_files (
    file_hash varchar not null,
    fingerprint varchar not null,
    content_hash varchar not null
);

create index derived_imported_files_hash on derived_imported_files (file_hash);
