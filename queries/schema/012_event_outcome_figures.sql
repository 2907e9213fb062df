-- Schema version 12: each event's follow-up and recurring-group figures beside its proposal count, so the
-- headline metrics and the yearly shares read one row per event instead of every proposal
-- when no theme or status filter narrows the proposals (queries/metrics/summary.sql,
-- queries/outcomes/shares_by_year.sql). Kept by queries/derived/refresh.sql and, when a
-- follow-up is recorded, queries/outcomes/refresh_status.sql; the upgrade's refresh fills them.

alter table derived_events add column answered integer not null default 0;
alter table derived_events add column implemented integer not null default 0;
-- Days from the event to each answered proposal's first response, and to each implemented
-- proposal's implementation (the medians' values; empty when none).
alter table derived_events add column response_days integer[] not null default [];
alter table derived_events add column implementation_days integer[] not null default [];
-- How many of its proposals have each current status (statuses ascending; those with none left out).
alter table derived_events add column statuses varchar[] not null default [];
alter table derived_events add column status_sizes integer[] not null default [];

-- The event's proposals that belong to recurring groups (schema/008, derived_recurring), so the
-- Outcomes page counts groups' events and sizes per event: per group (ids ascending) how many of
-- the event's proposals, and per group and status (ascending) how many. Kept also when the groups
-- are recomputed (queries/recurring/replace_groups.sql).
alter table derived_events add column recurring_group_ids integer[] not null default [];
alter table derived_events add column recurring_group_sizes integer[] not null default [];
alter table derived_events add column recurring_status_group_ids integer[] not null default [];
alter table derived_events add column recurring_statuses varchar[] not null default [];
alter table derived_events add column recurring_status_sizes integer[] not null default [];
