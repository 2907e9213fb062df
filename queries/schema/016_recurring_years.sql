-- Schema version 16: the recurring groups of the Outcomes page (recurring/group_summary) from yearly
-- cells when the dates fall on year boundaries (or are not set): about a tenth of the rows of the
-- monthly cells at 1,000,000 events (52,000 against 557,000 without a theme), so the page's default
-- view reads and adds up that much less. Kept by queries/derived/refresh_outcome_cells.sql from the
-- monthly cells of the years a write touched. And each group's label apart, so the page does not
-- scan every grouped proposal (10,000,000 at 1,000,000 events) for a few dozen labels.
--
-- derived_recurring_months (schema/014) added up per year: `year` is the year's first day (null
-- for undated events), the other columns as there.
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

-- Filled here from the monthly cells a schema-15 store already has (seconds, where a backfill of
-- every derived table takes a quarter of an hour at 1,000,000 events; dashboard/store.py runs none
-- after this upgrade alone). An older store's are empty here and filled by its backfill. The same
-- adding up as queries/derived/refresh_outcome_cells.sql's, written out: a migration stays as it ran.
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
