-- The monthly cells of derived_outcome_months, derived_outcome_days and derived_recurring_months
-- (schema/014) anew for
-- every cell (month, region, event type, demo flag) the events in $event_ids (all when null) are
-- in, and those derived/refresh.sql found them in before (its temp table derived_cells, which this
-- reads and drops). Runs in the writer's transaction after derived/refresh, after a follow-up is
-- recorded and after the recurring groups are recomputed (derived/refresh_event_figures).
create temp table if not exists derived_cells (cell struct(month date, region_id varchar, event_type varchar, is_demo boolean));

insert into derived_cells
select distinct derived_cell(month, region_id, event_type, is_demo)
from derived_events
where $event_ids is null or list_contains($event_ids, event_id);

create or replace temp table outcome_cells as
select distinct cell from derived_cells;

drop table derived_cells;

delete from derived_outcome_months as c
where derived_cell(c.month, c.region_id, c.event_type, c.is_demo) in (select cell from outcome_cells);

delete from derived_outcome_days as c
where derived_cell(c.month, c.region_id, c.event_type, c.is_demo) in (select cell from outcome_cells);

delete from derived_recurring_months as c
where derived_cell(c.month, c.region_id, c.event_type, c.is_demo) in (select cell from outcome_cells);

create or replace temp table outcome_cell_proposals as
select p.*
from derived_proposals as p
where derived_cell(p.month, p.region_id, p.event_type, p.is_demo) in (select cell from outcome_cells);

insert into derived_outcome_months
select month, region_id, event_type, is_demo, theme_mask, status, count(*), count(first_response_date),
    count(implemented_date)
from outcome_cell_proposals
group by all
order by region_id, month, event_type, is_demo, theme_mask, status;

insert into derived_outcome_days
select month, region_id, event_type, is_demo, days, sum(responses)::bigint, sum(implementations)::bigint
from (
    select month, region_id, event_type, is_demo, first_response_date - event_date as days, 1 as responses,
        0 as implementations
    from outcome_cell_proposals
    where first_response_date is not null and event_date is not null
    union all
    select month, region_id, event_type, is_demo, implemented_date - event_date as days, 0 as responses,
        1 as implementations
    from outcome_cell_proposals
    where implemented_date is not null and event_date is not null
)
group by all
order by region_id, month, event_type, is_demo, days;

insert into derived_recurring_months
with members as (
    select g.group_id, null::varchar as theme_id, p.*
    from outcome_cell_proposals as p
    join derived_recurring as g on g.proposal_id = p.proposal_id
    union all
    select g.group_id, t.theme_id, p.*
    from outcome_cell_proposals as p
    join derived_recurring as g on g.proposal_id = p.proposal_id
    join themes as t on p.theme_mask & (1::bigint << t.bit) <> 0
)

select
    group_id,
    theme_id,
    month,
    region_id,
    event_type,
    is_demo,
    count(distinct event_id) as events,
    count(*) as proposals,
    min(event_date) as first_date,
    max(event_date) as last_date,
    -- histogram's keys come ascending
    map_keys(histogram(status)) as statuses,
    map_values(histogram(status))::bigint[] as status_sizes
from members
group by all
order by group_id, theme_id, region_id, month, event_type, is_demo;

drop table outcome_cell_proposals;

drop table outcome_cells
