-- Schema version 4: derived tables that answer the dashboard's filters without
-- joining proposals with proposal_themes on every query. They hold nothing that
-- the base tables do not: queries/derived/refresh.sql rebuilds them, every writer
-- refreshes the events it touched in its own transaction, and store.ensure_schema
-- fills them after an upgrade. Backups leave them out (restore rebuilds them). The macros
-- that filter them live in queries/macros/derived_views.sql.
--
-- A theme's bit is its place in the themes table; a theme mask is the OR of
-- 1 << bit over a set of themes (at most 63 themes fit in a bigint).

alter table themes add column bit integer;

update themes
set bit = numbered.bit
from (select theme_id, row_number() over (order by rowid) - 1 as bit from themes) as numbered
where themes.theme_id = numbered.theme_id;

-- One row per event: its filter columns, the OR of its proposals' theme masks,
-- its proposal count and its participation figures (null when not stated).
create table derived_events (
    event_id integer primary key,
    region_id varchar,
    event_date date,
    month date,
    event_type varchar,
    is_demo boolean not null,
    theme_mask bigint not null,
    proposals integer not null,
    has_participation boolean not null,
    total integer,
    women integer,
    men integer,
    unspecified integer
);

-- One row per proposal with its event's filter columns and its own theme mask.
create table derived_proposals (
    proposal_id bigint primary key,
    event_id integer not null,
    region_id varchar,
    event_date date,
    month date,
    event_type varchar,
    is_demo boolean not null,
    theme_mask bigint not null
);

-- Proposal-theme pairs per month, region, event type and demo flag: the grain of
-- the theme charts. Answers a date filter only when it falls on month boundaries.
create table derived_theme_months (
    month date,
    region_id varchar,
    event_type varchar,
    is_demo boolean not null,
    theme_id varchar not null,
    proposals bigint not null
);
