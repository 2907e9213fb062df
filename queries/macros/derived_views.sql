-- The dashboard's filters over the derived tables (schema/004_derived_facts.sql). Like every
-- file in queries/macros/, re-applied on every connect (store.ensure_schema): changing a
-- definition here needs no schema version.
--
-- A theme's bit is its place in the themes table; a theme mask is the OR of
-- 1 << bit over a set of themes (at most 63 themes fit in a bigint).

-- The theme mask of a list of theme ids (null when none of them is known).
create or replace macro themes_mask(theme_ids) as (
    select bit_or(1::bigint << t.bit) from themes as t where list_contains(theme_ids, t.theme_id)
);

-- True when both dates (if set) fall on month boundaries, so derived_theme_months answers exactly.
create or replace macro months_aligned(date_from, date_to) as
    (date_from is null or day(date_from::date) = 1) and (date_to is null or date_to::date = last_day(date_to::date));

-- The first and the last day of the whole months within the dates (null where a date is not set):
-- the monthly cells answer for those months, and only the days before and after them (part-months,
-- in_part_months) need counting row by row. When the dates lie within one month or two adjacent
-- ones the first is after the last and no whole month is left.
create or replace macro whole_months_from(date_from) as
    if(day(date_from::date) = 1, date_from::date, (date_trunc('month', date_from::date) + interval 1 month)::date);

create or replace macro whole_months_to(date_to) as
    if(date_to::date = last_day(date_to::date), date_to::date, (date_trunc('month', date_to::date) - interval 1 day)::date);

-- True when a row's date lies outside the whole months within the dates (whole_months_from and _to):
-- in the part of a month at either end. Rows are also filtered by the dates themselves. False
-- outright for dates on month boundaries, so a query's part-month branch is planned away.
create or replace macro in_part_months(row_date, date_from, date_to) as
    not months_aligned(date_from, date_to)
    and (row_date < whole_months_from(date_from) or row_date > whole_months_to(date_to));

-- True when both dates (if set) fall on year boundaries, so yearly cells answer exactly.
create or replace macro years_aligned(date_from, date_to) as
    (date_from is null or strftime(date_from::date, '%m-%d') = '01-01')
    and (date_to is null or strftime(date_to::date, '%m-%d') = '12-31');

-- The same for whole years: the first and last day of the whole years within the dates, and true
-- when a row's date lies outside them. The yearly cells answer for those years, the monthly ones for
-- the whole months around them.
create or replace macro whole_years_from(date_from) as
    if(strftime(date_from::date, '%m-%d') = '01-01', date_from::date,
        (date_trunc('year', date_from::date) + interval 1 year)::date);

create or replace macro whole_years_to(date_to) as
    if(strftime(date_to::date, '%m-%d') = '12-31', date_to::date, (date_trunc('year', date_to::date) - interval 1 day)::date);

create or replace macro in_part_years(row_date, date_from, date_to) as
    not years_aligned(date_from, date_to)
    and (row_date < whole_years_from(date_from) or row_date > whole_years_to(date_to));

-- A cell of the monthly derived tables (month, region, event type, demo flag) as one value, for the
-- refreshes (queries/derived/refresh*.sql) to match a table's rows to the cells they rebuild: cells
-- compare field by field with nulls equal (an undated event's month, an unplaced event's region).
create or replace macro derived_cell(month, region_id, event_type, is_demo) as
    struct_pack(month := month, region_id := region_id, event_type := event_type, is_demo := is_demo);

-- True when two cells (month or year, region, event type, demo flag), given column by column, are
-- one, nulls equal: for a refresh to match a table's rows to the cells it rebuilds as a join on
-- columns (cheaper than a derived_cell value per row on large tables).
create or replace macro same_cell(month, region_id, event_type, is_demo, other_month, other_region_id, other_event_type, other_is_demo) as
    month is not distinct from other_month
    and region_id is not distinct from other_region_id
    and event_type is not distinct from other_event_type
    and is_demo = other_is_demo;

-- True when a derived row passes the region, date, event type and demo filters; the theme
-- filter is each table's own (a mask per row, or one theme per row).
create or replace macro passes_filters(regions, date_from, date_to, event_types, include_demo, row_region_id, row_date, row_event_type, row_is_demo) as
    (len(regions) = 0 or row_region_id in (select r.region_id from regions as r where list_contains(regions, r.name)))
    and (date_from is null or row_date >= date_from)
    and (date_to is null or row_date <= date_to)
    and (len(event_types) = 0 or list_contains(event_types, row_event_type))
    and (include_demo or not row_is_demo);

-- The dashboard's filters over derived_events: same rows as filtered_events, fewer columns.
create or replace macro derived_events_in_view(regions, themes, date_from, date_to, event_types, include_demo) as table
    select f.*
    from derived_events as f
    where passes_filters(regions, date_from, date_to, event_types, include_demo, f.region_id, f.event_date, f.event_type, f.is_demo)
      and (len(themes) = 0 or f.theme_mask & themes_mask(themes) <> 0);

-- The same over derived_proposals: same rows as filtered_proposals, fewer columns.
create or replace macro derived_proposals_in_view(regions, themes, date_from, date_to, event_types, include_demo) as table
    select f.*
    from derived_proposals as f
    where passes_filters(regions, date_from, date_to, event_types, include_demo, f.region_id, f.event_date, f.event_type, f.is_demo)
      and (len(themes) = 0 or f.theme_mask & themes_mask(themes) <> 0);

-- Proposal-theme pairs in view, only the filtered themes (all when none), for
-- month-aligned dates: the rows of derived_theme_months under the filters.
create or replace macro theme_months_in_view(regions, themes, date_from, date_to, event_types, include_demo) as table
    select c.*
    from derived_theme_months as c
    where passes_filters(regions, date_from, date_to, event_types, include_demo, c.region_id, c.month, c.event_type, c.is_demo)
      and (len(themes) = 0 or list_contains(themes, c.theme_id));

-- The same pairs one proposal at a time, for any dates: each proposal in view
-- (region, date, type, demo filters) with each of its themes that is filtered.
create or replace macro theme_pairs_in_view(regions, themes, date_from, date_to, event_types, include_demo) as table
    select p.*, t.theme_id
    from derived_proposals_in_view(regions, [], date_from, date_to, event_types, include_demo) as p
    join themes as t on p.theme_mask & (1::bigint << t.bit) <> 0
    where len(themes) = 0 or list_contains(themes, t.theme_id);
