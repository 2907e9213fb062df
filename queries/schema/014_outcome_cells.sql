-- Schema version 14: the Outcomes page's figures under a theme or status filter without counting
-- proposal by proposal.
--
-- derived_outcome_months: proposals per month, region, event type, demo flag, theme mask and
-- current status, with how many of them were answered and implemented (first response and
-- first implementation dates of derived_proposals). Counts add up over cells, so status by
-- theme, by region and by year, and the headline counts, read these cells when the dates fall
-- on month boundaries (macros/outcomes.sql, outcome_cells_in_view). Kept with
-- derived_theme_months by queries/derived/refresh.sql, and for the events of a recorded follow-up
-- by queries/derived/refresh_event_figures.sql; the upgrade's refresh fills it.
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

-- Per event, beside statuses[] (schema/012): the OR of the theme masks of its proposals in each
-- status; and one element per answered (implemented) proposal beside response_days
-- (implementation_days): its current status and theme mask. So the events behind a figure and
-- the medians follow a theme or status filter from one row per event.
alter table derived_events add column status_theme_masks bigint[] not null default [];
alter table derived_events add column response_statuses varchar[] not null default [];
alter table derived_events add column response_theme_masks bigint[] not null default [];
alter table derived_events add column implementation_statuses varchar[] not null default [];
alter table derived_events add column implementation_theme_masks bigint[] not null default [];
