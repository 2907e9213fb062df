-- Schema version 16: the Outcomes page's figures from yearly cells when the dates fall on year
-- boundaries (or are not set), the monthly cells of schema/014 added up per year: at 1,000,000
-- events about a tenth of their rows (recurring groups without a theme 52,000 against 557,000;
-- proposals by theme mask and status 122,000 against 987,000; a quarter for the day counts), so the
-- page's default view reads and adds up that much less. Kept by
-- queries/derived/refresh_outcome_cells.sql from the monthly cells of the years a write touched.
-- And each group's label apart, so the page does not scan every grouped proposal (10,000,000 at
-- 1,000,000 events) for a few dozen labels.
--
-- Each table is filled here from the monthly cells a schema-15 store already has (seconds, where a
-- backfill of every derived table takes a quarter of an hour at 1,000,000 events; dashboard/store.py
-- runs none after this upgrade alone). An older store's are empty here and filled by its backfill.
-- The adding up is queries/derived/refresh_outcome_cells.sql's, written out: a migration stays as
-- it ran. `year` is the year's first day (null for undated events), the other columns as in the
-- monthly tables.

-- derived_outcome_months per year.
create table derived_outcome_years (
    year date,
    region_id varchar,
    event_type varchar,
    is_demo boolean not null,
    theme_mask bigint not null,
    status varchar not null,
    proposals bigint not null,
    answered bigint not null,
    implemented bigint not null
);

insert into derived_outcome_years
select
    date_trunc('year', month)::date as year, region_id, event_type, is_demo, theme_mask, status,
    sum(proposals)::bigint, sum(answered)::bigint, sum(implemented)::bigint
from derived_outcome_months
group by all
order by region_id, year, event_type, is_demo, theme_mask, status;

-- derived_outcome_days per year.
create table derived_outcome_year_days (
    year date,
    region_id varchar,
    event_type varchar,
    is_demo boolean not null,
    days integer not null,
    responses bigint not null,
    implementations bigint not null
);

insert into derived_outcome_year_days
select
    date_trunc('year', month)::date as year, region_id, event_type, is_demo, days,
    sum(responses)::bigint, sum(implementations)::bigint
from derived_outcome_days
group by all
order by region_id, year, event_type, is_demo, days;

-- derived_recurring_months per year.
create table derived_recurring_years (
    group_id integer not null,
    theme_id varchar,
    year date,
    region_id varchar,
    event_type varchar,
    is_demo boolean not null,
    events bigint not null,
    proposals bigint not null,
    first_date date,
    last_date date,
    statuses varchar[] not null,
    status_sizes bigint[] not null
);

insert into derived_recurring_years
with by_status as (
    select
        group_id, theme_id, date_trunc('year', month)::date as year, region_id, event_type, is_demo, status,
        sum(size)::bigint as size,
        -- a cell's own figures once, on its first status
        sum(events) filter (where position = 1) as events,
        sum(proposals) filter (where position = 1) as proposals,
        min(first_date) as first_date,
        max(last_date) as last_date
    from (
        select *, unnest(statuses) as status, unnest(status_sizes) as size,
            unnest(range(1, len(statuses) + 1)) as position
        from derived_recurring_months
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

-- Each recurring group's label (its row of derived_recurring with is_label), kept with the groups by
-- queries/recurring/replace_groups.sql.
create table derived_recurring_labels (
    group_id integer not null,
    proposal_id bigint not null
);

insert into derived_recurring_labels
select group_id, proposal_id
from derived_recurring
where is_label
order by group_id;
