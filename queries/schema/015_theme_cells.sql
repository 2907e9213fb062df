-- Schema version 15: the headline metrics under one theme (queries/metrics/summary_by_theme.sql)
-- from cells per theme instead of from every event in view and every answered proposal's days, so
-- they cost about as much at 1,000,000 events as at 100,000. Kept by
-- queries/derived/refresh_outcome_cells.sql with the other monthly cells; the upgrade's refresh
-- fills them. Read for whole months and no status filter.

-- Per month, region, event type, demo flag and theme: the events with a proposal of the theme, their
-- participation figures as metric_event_figures (macros/metrics.sql) adds them up (an event has a
-- split when it states its total and its women), how many of them have an answered (implemented)
-- proposal of the theme, and the theme's proposals with how many were answered and implemented.
create table derived_theme_event_months (
    month date,
    region_id varchar,
    event_type varchar,
    is_demo boolean not null,
    theme_id varchar not null,
    events bigint not null,
    participants bigint not null,
    participants_events bigint not null,
    split_events bigint not null,
    split_participants bigint not null,
    split_women bigint not null,
    women bigint not null,
    women_events bigint not null,
    men bigint not null,
    men_events bigint not null,
    unspecified bigint not null,
    unspecified_events bigint not null,
    answered_events bigint not null,
    implemented_events bigint not null,
    proposals bigint not null,
    answered bigint not null,
    implemented bigint not null
);

-- How many answered (implemented) proposals of each theme waited each number of days from their
-- event to their first response (implementation), per month, region, event type and demo flag:
-- derived_outcome_days (schema/014) per theme.
create table derived_theme_days (
    month date not null,
    region_id varchar,
    event_type varchar,
    is_demo boolean not null,
    theme_id varchar not null,
    days integer not null,
    responses bigint not null,
    implementations bigint not null
);
