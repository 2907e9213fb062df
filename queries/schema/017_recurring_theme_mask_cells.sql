-- Schema version 17: the Outcomes page's recurring groups under two themes or more from monthly cells,
-- as under one theme (schema/014), instead of joining every grouped proposal (10,000,000 at 1,000,000
-- events) with the proposals in view. Cells per theme do not add up over several themes (a proposal or
-- an event may have both); cells by theme mask do: a proposal is in view when its mask shares a bit
-- with the filter's, an event when the OR of its grouped proposals' masks does.
--
-- Kept by queries/derived/refresh_outcome_cells.sql with the other monthly cells. Filled here from
-- derived_proposals and derived_recurring, which a schema-16 store has current (seconds, not a
-- backfill of every derived table: dashboard/store.py runs none after this upgrade alone); an older
-- store's are empty here and filled by its backfill.

-- Per group and cell (month, region, event type, demo flag): the events with proposals in the group,
-- by the OR of those proposals' theme masks, with the first and last of their dates.
create table derived_recurring_event_masks (
    group_id integer not null,
    month date,
    region_id varchar,
    event_type varchar,
    is_demo boolean not null,
    members_mask bigint not null,
    events bigint not null,
    first_date date,
    last_date date
);

-- Per group and cell: the group's proposals by theme mask and current status.
create table derived_recurring_status_masks (
    group_id integer not null,
    month date,
    region_id varchar,
    event_type varchar,
    is_demo boolean not null,
    theme_mask bigint not null,
    status varchar not null,
    proposals bigint not null
);

insert into derived_recurring_event_masks
select group_id, month, region_id, event_type, is_demo, members_mask, count(*), min(event_date), max(event_date)
from (
    select g.group_id, p.event_id, p.month, p.region_id, p.event_type, p.is_demo, p.event_date,
        bit_or(p.theme_mask) as members_mask
    from derived_proposals as p
    join derived_recurring as g on g.proposal_id = p.proposal_id
    group by all
)
group by all
order by group_id, region_id, month, event_type, is_demo, members_mask;

insert into derived_recurring_status_masks
select g.group_id, p.month, p.region_id, p.event_type, p.is_demo, p.theme_mask, p.status, count(*)
from derived_proposals as p
join derived_recurring as g on g.proposal_id = p.proposal_id
group by all
order by g.group_id, p.region_id, p.month, p.event_type, p.is_demo, p.theme_mask, p.status;
