-- Schema version 1: reference data, events and everything a report states.
-- Counts are checked here so that no code path can store an impossible report.
-- proposal_themes has no foreign key to proposals: DuckDB checks foreign keys
-- eagerly inside a transaction, so a re-ingest could not replace a proposal's
-- labels and the proposal in one transaction. The store's integrity checks
-- (dashboard/store.py: integrity_problems) cover that relationship instead.
-- For the same reason events.event_type has no foreign key: DuckDB updates a
-- foreign-key column as delete plus insert, which the event's own proposals
-- would block. store.validate() checks event types against event_types.

create table regions (
    region_id varchar primary key,
    name varchar not null unique,
    name_ru varchar,
    name_ky varchar,
    iso_code varchar not null unique,
    country varchar not null,
    kind varchar not null,
    grid_row integer,
    grid_col integer
);

create table event_types (
    event_type varchar primary key,
    label_en varchar not null,
    label_ru varchar
);

create table themes (
    theme_id varchar primary key,
    label_en varchar not null,
    label_ru varchar,
    label_ky varchar,
    description varchar
);

create sequence event_id_seq start 1;

create table events (
    event_id integer primary key default nextval('event_id_seq'),
    fingerprint varchar not null unique,
    content_hash varchar not null,
    title varchar not null,
    topic varchar,
    event_type varchar,
    event_date date,
    region_id varchar references regions (region_id),
    city varchar,
    venue varchar,
    organiser varchar,
    moderator varchar,
    purpose varchar,
    language varchar,
    source_file varchar,
    source_text varchar,
    is_demo boolean not null default false,
    ingested_at timestamp not null default current_timestamp
);

create table participation (
    event_id integer primary key references events (event_id),
    total integer check (total >= 0),
    women integer check (women >= 0),
    men integer check (men >= 0),
    unspecified integer check (unspecified >= 0),
    check (coalesce(women, 0) + coalesce(men, 0) <= total or total is null)
);

create table participant_categories (
    event_id integer not null references events (event_id),
    category varchar not null,
    primary key (event_id, category)
);

create table speakers (
    event_id integer not null references events (event_id),
    position integer not null,
    name varchar not null,
    role varchar,
    primary key (event_id, position)
);

create table presentations (
    event_id integer not null references events (event_id),
    position integer not null,
    title varchar not null,
    primary key (event_id, position)
);

create sequence proposal_id_seq start 1;

create table proposals (
    proposal_id bigint primary key default nextval('proposal_id_seq'),
    event_id integer not null references events (event_id),
    position integer not null check (position >= 1),
    text varchar not null,
    status varchar not null default 'recorded',
    reviewed_at timestamp,
    reviewed_by varchar,
    unique (event_id, position)
);

create table proposal_themes (
    proposal_id bigint not null,
    theme_id varchar not null references themes (theme_id),
    source varchar not null check (source in ('rule', 'manual')),
    score double,
    evidence varchar,
    primary key (proposal_id, theme_id)
);
