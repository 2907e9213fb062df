-- Schema version 14: the Outcomes page's figures from monthly cells instead of counting proposal
-- by proposal (or event by event), so they cost as much at 1,000,000 events as at 100,000.
-- Both tables are kept by queries/derived/refresh_outcome_cells.sql for the cells (month, region,
-- event type, demo flag) that a write touched; the upgrade's refresh fills them. The queries read
-- them when the dates fall on month boundaries (months_aligned) and count as before otherwise.

-- Proposals per month, region, event type, demo flag, theme mask and current status, with how
-- many of them were answered and implemented (first response and implementation dates):
-- outcomes/status_by_theme, status_by_region and shares_by_year add these up.
create table derived_outcome_months (
    month date,
    region_id varchar,
    event_type varchar,
    is_demo boolean not null,
    theme_mask bigint not null,
    status varchar not null,
    proposals bigint not null,
    answered bigint not null,
    implemented bigint not null
);

-- How many answered (implemented) proposals waited each number of days from their event to their
-- first response (implementation), per month, region, event type and demo flag: the headline
-- medians without a theme or status filter come from these counts (a few hundred day values)
-- instead of from every answered proposal's days.
create table derived_outcome_days (
    month date,
    region_id varchar,
    event_type varchar,
    is_demo boolean not null,
    days integer not null,
    responses bigint not null,
    implementations bigint not null
);

-- Each recurring group's proposals (derived_recurring) per month, region, event type and demo
-- flag: all of them (theme_id null), and those with each theme (theme_id set). An event lies in
-- one such cell, so events add up over cells, for all proposals or for one theme's:
-- recurring/group_summary reads these without a status filter and with at most one theme.
create table derived_recurring_months (
    group_id integer not null,
    theme_id varchar,
    month date,
    region_id varchar,
    event_type varchar,
    is_demo boolean not null,
    events bigint not null,
    proposals bigint not null,
    first_date date,
    last_date date,
    -- Its proposals per current status (statuses ascending).
    statuses varchar[] not null,
    status_sizes bigint[] not null
);

-- Per event, for the headline metrics under a theme filter (queries/metrics/summary.sql): the OR
-- of the theme masks of its answered (implemented) proposals, so the events behind a median are
-- counted from one row per event; and beside response_days (implementation_days, schema/012),
-- which now come in proposal order, each of those proposals' theme masks, so the medians take
-- the days of the proposals in view from the events in view.
alter table derived_events add column answered_theme_mask bigint not null default 0;
alter table derived_events add column implemented_theme_mask bigint not null default 0;
alter table derived_events add column response_theme_masks bigint[] not null default [];
alter table derived_events add column implementation_theme_masks bigint[] not null default [];
