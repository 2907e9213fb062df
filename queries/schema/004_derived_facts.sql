-- Schema version 4: derived tables that answer the dashboard's filters without
-- joining proposals with proposal_themes on every query. They hold nothing that
-- the base tables do not: queries/derived/refresh.sql rebuilds them, every writer
-- refreshes the events it touched in its own transaction, and store.ensure_schema
-- fills them after an upgrade. Backups leave them out (restore rebuilds them).
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

-- The theme mask of a list of theme ids (null when none of them is known).
create or replace macro themes_mask(theme_ids) as (
    select bit_or(1::bigint << t.bit) from themes as t where list_contains(theme_ids, t.theme_id)
);

-- True when both dates (if set) fall on month boundaries, so derived_theme_months answers exactly.
create or replace macro months_aligned(date_from, date_to) as
    (date_from is null or day(date_from::date) = 1) and (date_to is null or date_to::date = last_day(date_to::date));

-- The dashboard's filters over derived_events: same rows as filtered_events, fewer columns.
create or replace macro derived_events_in_view(regions, themes, date_from, date_to, event_types, include_demo) as table
    select f.*
    from derived_events as f
    where (len(regions) = 0 or f.region_id in (select r.region_id from regions as r where list_contains(regions, r.name)))
      and (date_from is null or f.event_date >= date_from)
      and (date_to is null or f.event_date <= date_to)
      and (len(event_types) = 0 or list_contains(event_types, f.event_type))
      and (include_demo or not f.is_demo)
      and (len(themes) = 0 or f.theme_mask & themes_mask(themes) <> 0);

-- The same over derived_proposals: same rows as filtered_proposals, fewer columns.
create or replace macro derived_proposals_in_view(regions, themes, date_from, date_to, event_types, include_demo) as table
    select f.*
    from derived_proposals as f
    where (len(regions) = 0 or f.region_id in (select r.region_id from regions as r where list_contains(regions, r.name)))
      and (date_from is null or f.event_date >= date_from)
      and (date_to is null or f.event_date <= date_to)
      and (len(event_types) = 0 or list_contains(event_types, f.event_type))
      and (include_demo or not f.is_demo)
      and (len(themes) = 0 or f.theme_mask & themes_mask(themes) <> 0);

-- Proposal-theme pairs in view, only the filtered themes (all when none), for
-- month-aligned dates: the rows of derived_theme_months under the filters.
create or replace macro theme_months_in_view(regions, themes, date_from, date_to, event_types, include_demo) as table
    select c.*
    from derived_theme_months as c
    where (len(regions) = 0 or c.region_id in (select r.region_id from regions as r where list_contains(regions, r.name)))
      and (date_from is null or c.month >= date_from)
      and (date_to is null or c.month <= date_to)
      and (len(event_types) = 0 or list_contains(event_types, c.event_type))
      and (include_demo or not c.is_demo)
      and (len(themes) = 0 or list_contains(themes, c.theme_id));

-- The same pairs one proposal at a time, for any dates: each proposal in view
-- (region, date, type, demo filters) with each of its themes that is filtered.
create or replace macro theme_pairs_in_view(regions, themes, date_from, date_to, event_types, include_demo) as table
    select p.*, t.theme_id
    from derived_proposals_in_view(regions, [], date_from, date_to, event_types, include_demo) as p
    join themes as t on p.theme_mask & (1::bigint << t.bit) <> 0
    where len(themes) = 0 or list_contains(themes, t.theme_id);

-- The dashboard's filters (see 002_filtered_events.sql for their meaning), now
-- answered from the derived tables; same signature and rows as before.
create or replace macro filtered_events(regions, themes, date_from, date_to, event_types, include_demo) as table
    select e.*
    from events as e
    where e.event_id in (
        select f.event_id
        from derived_events_in_view(regions, themes, date_from, date_to, event_types, include_demo) as f
    );

create or replace macro filtered_proposals(regions, themes, date_from, date_to, event_types, include_demo) as table
    select p.*
    from proposals as p
    where p.proposal_id in (
        select f.proposal_id
        from derived_proposals_in_view(regions, themes, date_from, date_to, event_types, include_demo) as f
    );
