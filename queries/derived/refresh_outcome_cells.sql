-- The monthly cells of derived_outcome_months, derived_outcome_days and derived_recurring_months
-- (schema/014), of derived_theme_event_months and derived_theme_days (schema/015), the yearly
-- ones of schema/016 and those by theme mask of schema/017, anew for every cell (month, region, event type,
-- demo flag) the events in $event_ids (all when null) are in, and those derived/refresh.sql found
-- them in before (its temp table derived_cells, which this reads and drops). Runs in the writer's
-- transaction after derived/refresh, after a follow-up is recorded and after the recurring groups
-- are recomputed (derived/refresh_event_figures).
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

delete from derived_recurring_event_masks as c
using outcome_cells as o
where same_cell(o.cell.month, o.cell.region_id, o.cell.event_type, o.cell.is_demo, c.month, c.region_id, c.event_type, c.is_demo);

delete from derived_recurring_status_masks as c
using outcome_cells as o
where same_cell(o.cell.month, o.cell.region_id, o.cell.event_type, o.cell.is_demo, c.month, c.region_id, c.event_type, c.is_demo);

-- The tables of schema/015 are matched to the cells column by column (nulls equal): cheaper than a
-- cell value per row.
delete from derived_theme_event_months as c
using outcome_cells as o
where o.cell.month is not distinct from c.month
  and o.cell.region_id is not distinct from c.region_id
  and o.cell.event_type is not distinct from c.event_type
  and o.cell.is_demo = c.is_demo;

delete from derived_theme_days as c
using outcome_cells as o
where o.cell.month = c.month
  and o.cell.region_id is not distinct from c.region_id
  and o.cell.event_type is not distinct from c.event_type
  and o.cell.is_demo = c.is_demo;

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

-- The cells' grouped proposals, with their groups.
create or replace temp table outcome_cell_members as
select g.group_id, p.*
from outcome_cell_proposals as p
join derived_recurring as g on g.proposal_id = p.proposal_id;

insert into derived_recurring_months
with members as (
    select null::varchar as theme_id, m.*
    from outcome_cell_members as m
    union all
    select t.theme_id, m.*
    from outcome_cell_members as m
    join themes as t on m.theme_mask & (1::bigint << t.bit) <> 0
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

-- The cells by theme mask of schema/017.
insert into derived_recurring_event_masks
select group_id, month, region_id, event_type, is_demo, members_mask, count(*), min(event_date), max(event_date)
from (
    select group_id, event_id, month, region_id, event_type, is_demo, event_date, bit_or(theme_mask) as members_mask
    from outcome_cell_members
    group by all
)
group by all
order by group_id, region_id, month, event_type, is_demo, members_mask;

insert into derived_recurring_status_masks
select group_id, month, region_id, event_type, is_demo, theme_mask, status, count(*)
from outcome_cell_members
group by all
order by group_id, region_id, month, event_type, is_demo, theme_mask, status;

drop table outcome_cell_members;

-- The yearly cells (schema/016) of the years of those cells, added up anew from the monthly ones
-- (as the migration first filled them).
create or replace temp table year_cells as
select distinct date_trunc('year', cell.month)::date as year, cell.region_id, cell.event_type, cell.is_demo
from outcome_cells;

delete from derived_outcome_years as c
using year_cells as y
where same_cell(y.year, y.region_id, y.event_type, y.is_demo, c.year, c.region_id, c.event_type, c.is_demo);

delete from derived_outcome_year_days as c
using year_cells as y
where same_cell(y.year, y.region_id, y.event_type, y.is_demo, c.year, c.region_id, c.event_type, c.is_demo);

delete from derived_recurring_years as c
using year_cells as y
where same_cell(y.year, y.region_id, y.event_type, y.is_demo, c.year, c.region_id, c.event_type, c.is_demo);

insert into derived_recurring_years
with by_status as (
    select
        group_id, theme_id, year, region_id, event_type, is_demo, status,
        sum(size)::bigint as size,
        -- a cell's own figures once, on its first status
        sum(events) filter (where position = 1) as events,
        sum(proposals) filter (where position = 1) as proposals,
        min(first_date) as first_date,
        max(last_date) as last_date
    from (
        select m.*, y.year, unnest(m.statuses) as status, unnest(m.status_sizes) as size,
            unnest(range(1, len(m.statuses) + 1)) as position
        from derived_recurring_months as m
        join year_cells as y
            on same_cell(y.year, y.region_id, y.event_type, y.is_demo, date_trunc('year', m.month)::date, m.region_id, m.event_type, m.is_demo)
    )
    group by all
)

select
    group_id, theme_id, year, region_id, event_type, is_demo,
    sum(events)::bigint as events,
    sum(proposals)::bigint as proposals,
    min(first_date) as first_date,
    max(last_date) as last_date,
    list(status order by status) as statuses,
    list(size order by status) as status_sizes
from by_status
group by group_id, theme_id, year, region_id, event_type, is_demo
order by group_id, theme_id, region_id, year, event_type, is_demo;

insert into derived_outcome_years
select y.year, m.region_id, m.event_type, m.is_demo, m.theme_mask, m.status,
    sum(m.proposals)::bigint, sum(m.answered)::bigint, sum(m.implemented)::bigint
from derived_outcome_months as m
join year_cells as y
    on same_cell(y.year, y.region_id, y.event_type, y.is_demo, date_trunc('year', m.month)::date, m.region_id, m.event_type, m.is_demo)
group by all
order by m.region_id, y.year, m.event_type, m.is_demo, m.theme_mask, m.status;

insert into derived_outcome_year_days
select y.year, m.region_id, m.event_type, m.is_demo, m.days, sum(m.responses)::bigint, sum(m.implementations)::bigint
from derived_outcome_days as m
join year_cells as y
    on same_cell(y.year, y.region_id, y.event_type, y.is_demo, date_trunc('year', m.month)::date, m.region_id, m.event_type, m.is_demo)
group by all
order by m.region_id, y.year, m.event_type, m.is_demo, m.days;

drop table year_cells;

insert into derived_theme_event_months
with event_themes as (
    select p.event_id, t.theme_id, count(*) as proposals, count(p.first_response_date) as answered,
        count(p.implemented_date) as implemented
    from outcome_cell_proposals as p
    join themes as t on p.theme_mask & (1::bigint << t.bit) <> 0
    group by all
)

select
    e.month,
    e.region_id,
    e.event_type,
    e.is_demo,
    x.theme_id,
    count(*),
    coalesce(sum(e.total), 0)::bigint,
    count(e.total),
    count(*) filter (where e.total is not null and e.women is not null),
    coalesce(sum(e.total) filter (where e.total is not null and e.women is not null), 0)::bigint,
    coalesce(sum(e.women) filter (where e.total is not null and e.women is not null), 0)::bigint,
    coalesce(sum(e.women), 0)::bigint,
    count(e.women),
    coalesce(sum(e.men), 0)::bigint,
    count(e.men),
    coalesce(sum(e.unspecified), 0)::bigint,
    count(e.unspecified),
    count(*) filter (where x.answered > 0),
    count(*) filter (where x.implemented > 0),
    sum(x.proposals)::bigint,
    sum(x.answered)::bigint,
    sum(x.implemented)::bigint
from event_themes as x
join derived_events as e on e.event_id = x.event_id
group by e.month, e.region_id, e.event_type, e.is_demo, x.theme_id
order by x.theme_id, e.region_id, e.month, e.event_type, e.is_demo;

insert into derived_theme_days
with theme_proposals as (
    select t.theme_id, p.*
    from outcome_cell_proposals as p
    join themes as t on p.theme_mask & (1::bigint << t.bit) <> 0
    where p.event_date is not null
)

select month, region_id, event_type, is_demo, theme_id, days, sum(responses)::bigint, sum(implementations)::bigint
from (
    select month, region_id, event_type, is_demo, theme_id, first_response_date - event_date as days,
        1 as responses, 0 as implementations
    from theme_proposals
    where first_response_date is not null
    union all
    select month, region_id, event_type, is_demo, theme_id, implemented_date - event_date, 0, 1
    from theme_proposals
    where implemented_date is not null
)
group by all
order by theme_id, region_id, month, event_type, is_demo, days;

drop table outcome_cell_proposals;

drop table outcome_cells
