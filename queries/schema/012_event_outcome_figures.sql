-- Schema version 12: each event's follow-up figures beside its proposal count, so the
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
