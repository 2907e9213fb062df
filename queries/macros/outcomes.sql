-- Follow-up statuses over the tables of schema/008_proposal_outcomes.sql; re-applied on
-- every connect.
--
-- A proposal's current status is its latest row of proposal_outcomes (by date, then by
-- when it was recorded), or no_response when it has none; it is never stored twice.

-- The statuses, in order; answered means any status but no_response, implemented
-- means implemented or partly_implemented (dashboard/outcomes.py keeps the same list).
create or replace macro outcome_answered(status) as status <> 'no_response';
create or replace macro outcome_implemented(status) as status in ('implemented', 'partly_implemented');

-- The current status of every proposal that has a history, with the date of that status,
-- its first response (the first change away from no_response) and its first implementation.
create or replace view proposal_status_from_history as
with ranked as (
    select
        o.*,
        row_number() over (partition by o.proposal_id order by o.status_date desc, o.outcome_id desc) as recency
    from proposal_outcomes as o
),

firsts as (
    select
        o.proposal_id,
        min(o.status_date) filter (where outcome_answered(o.status)) as first_response_date,
        min(o.status_date) filter (where outcome_implemented(o.status)) as implemented_date
    from proposal_outcomes as o
    group by o.proposal_id
)

select r.proposal_id, r.status, r.status_date, r.responsible_body, f.first_response_date, f.implemented_date
from ranked as r
join firsts as f on f.proposal_id = r.proposal_id
where r.recency = 1;

-- Every proposal with its current status: no_response when it has no history.
create or replace view proposal_status as
select
    p.proposal_id,
    coalesce(d.status, 'no_response') as status,
    d.status_date,
    d.responsible_body,
    d.first_response_date,
    d.implemented_date
from proposals as p
left join derived_proposal_status as d on d.proposal_id = p.proposal_id;

-- Proposals in view (macros/derived_views.sql), narrowed to the given statuses (all when
-- empty), with their current status (columns of derived_proposals since schema/009).
create or replace macro status_proposals_in_view(regions, themes, date_from, date_to, event_types, include_demo, statuses) as table
    select f.*
    from derived_proposals_in_view(regions, themes, date_from, date_to, event_types, include_demo) as f
    where len(statuses) = 0 or list_contains(statuses, f.status);

-- The rows the Outcomes page lists for some unanswered proposals (outcomes/oldest_unanswered*.sql):
-- text, event, region and days waiting, oldest first. `chosen` is the name of a relation of the
-- calling query (a CTE) with proposal_id, event_id, region_id and event_date: texts and titles are
-- read for its rows only.
create or replace macro unanswered_rows(chosen) as table
    select
        s.proposal_id,
        p.text as proposal,
        e.title as event_title,
        r.name as region,
        s.event_date as date,
        date_diff('day', s.event_date, current_date) as days_waiting,
        s.event_id
    from query_table(chosen) as s
    join proposals as p on p.proposal_id = s.proposal_id
    join events as e on e.event_id = s.event_id
    left join regions as r on r.region_id = s.region_id
    order by s.event_date nulls last, s.proposal_id;

-- Each event's follow-up and recurring-group figures (the columns schema/012 and 014 add to
-- derived_events) over derived_proposals, for the events in event_ids (every event with a
-- proposal when null). Events without proposals have none: their columns keep the defaults.
create or replace macro event_proposal_figures(event_ids) as table
with follow_up as (
    select
        event_id,
        count(first_response_date)::integer as answered,
        count(implemented_date)::integer as implemented,
        coalesce(bit_or(theme_mask) filter (where first_response_date is not null), 0) as answered_theme_mask,
        coalesce(bit_or(theme_mask) filter (where implemented_date is not null), 0) as implemented_theme_mask,
        -- Parallel lists (days and theme masks), one element per answered (implemented) proposal, in proposal order.
        coalesce(list(first_response_date - event_date order by proposal_id) filter (where first_response_date is not null), []) as response_days,
        coalesce(list(theme_mask order by proposal_id) filter (where first_response_date is not null), []) as response_theme_masks,
        coalesce(list(implemented_date - event_date order by proposal_id) filter (where implemented_date is not null), []) as implementation_days,
        coalesce(list(theme_mask order by proposal_id) filter (where implemented_date is not null), []) as implementation_theme_masks
    from derived_proposals
    where event_ids is null or list_contains(event_ids, event_id)
    group by event_id
),

by_own_status as (
    select event_id, list(status order by status) as statuses, list(proposals order by status) as sizes
    from (
        select event_id, status, count(*)::integer as proposals
        from derived_proposals
        where event_ids is null or list_contains(event_ids, event_id)
        group by all
    )
    group by event_id
),

grouped as (
    select p.event_id, g.group_id, p.status, count(*)::integer as proposals
    from derived_proposals as p
    join derived_recurring as g on g.proposal_id = p.proposal_id
    where event_ids is null or list_contains(event_ids, p.event_id)
    group by all
),

by_group as (
    select event_id, list(group_id order by group_id) as group_ids, list(proposals order by group_id) as group_sizes
    from (select event_id, group_id, sum(proposals)::integer as proposals from grouped group by all)
    group by event_id
),

by_status as (
    select
        event_id,
        list(group_id order by group_id, status) as group_ids,
        list(status order by group_id, status) as statuses,
        list(proposals order by group_id, status) as sizes
    from grouped
    group by event_id
)

select
    f.event_id,
    f.answered,
    f.implemented,
    f.response_days,
    f.implementation_days,
    o.statuses,
    o.sizes as status_sizes,
    coalesce(g.group_ids, []) as recurring_group_ids,
    coalesce(g.group_sizes, []) as recurring_group_sizes,
    coalesce(s.group_ids, []) as recurring_status_group_ids,
    coalesce(s.statuses, []) as recurring_statuses,
    coalesce(s.sizes, []) as recurring_status_sizes,
    f.answered_theme_mask,
    f.implemented_theme_mask,
    f.response_theme_masks,
    f.implementation_theme_masks
from follow_up as f
join by_own_status as o on o.event_id = f.event_id
left join by_group as g on g.event_id = f.event_id
left join by_status as s on s.event_id = f.event_id;

-- Cells of derived_outcome_months (schema/014) under the filters, for any dates: the yearly cells
-- (schema/016, `month` holding the year's first day) for the whole years within the dates, the monthly
-- ones for the whole months around those years and, for the part-months at either end, each proposal as
-- a cell of its own (whole_years_from, in_part_months and the like: macros/derived_views.sql).
create or replace macro outcome_cells_in_view(regions, themes, date_from, date_to, event_types, include_demo, statuses) as table
    select c.* rename (year as month)
    from derived_outcome_years as c
    where passes_filters(
          regions, whole_years_from(date_from), whole_years_to(date_to), event_types, include_demo,
          c.region_id, c.year, c.event_type, c.is_demo
      )
      and (len(themes) = 0 or c.theme_mask & themes_mask(themes) <> 0)
      and (len(statuses) = 0 or list_contains(statuses, c.status))
    union all by name
    select c.*
    from derived_outcome_months as c
    where passes_filters(
          regions, whole_months_from(date_from), whole_months_to(date_to), event_types, include_demo,
          c.region_id, c.month, c.event_type, c.is_demo
      )
      and in_part_years(c.month, date_from, date_to)
      and (len(themes) = 0 or c.theme_mask & themes_mask(themes) <> 0)
      and (len(statuses) = 0 or list_contains(statuses, c.status))
    union all by name
    select
        p.month,
        p.region_id,
        p.event_type,
        p.is_demo,
        p.theme_mask,
        p.status,
        1::bigint as proposals,
        (p.first_response_date is not null)::bigint as answered,
        (p.implemented_date is not null)::bigint as implemented
    from status_proposals_in_view(regions, themes, date_from, date_to, event_types, include_demo, statuses) as p
    where in_part_months(p.event_date, date_from, date_to);

-- Cells of derived_recurring_months (schema/014) under the filters, for the whole months within the
-- dates (the part-months at either end are the caller's), no status filter and at most one theme:
-- each group's proposals in view, per cell. The yearly cells (schema/016, `month` holding the year's
-- first day) for the whole years within the dates, the monthly ones around them.
create or replace macro recurring_cells_in_view(regions, themes, date_from, date_to, event_types, include_demo) as table
    select c.* rename (year as month)
    from derived_recurring_years as c
    where passes_filters(
          regions, whole_years_from(date_from), whole_years_to(date_to), event_types, include_demo,
          c.region_id, c.year, c.event_type, c.is_demo
      )
      and (c.theme_id is not distinct from themes[1])
    union all by name
    select c.*
    from derived_recurring_months as c
    where passes_filters(
          regions, whole_months_from(date_from), whole_months_to(date_to), event_types, include_demo,
          c.region_id, c.month, c.event_type, c.is_demo
      )
      and in_part_years(c.month, date_from, date_to)
      and (c.theme_id is not distinct from themes[1]);

-- The rows of the Outcomes page's group summary (recurring/group_summary*.sql), largest first, from
-- three relations of the calling query (CTEs, by name): `kept`, the groups shown with their size,
-- events and dates; `group_events`, rows of group_id and region_id (a group's regions); and
-- `group_status_counts`, its proposals per status. Labelled with the group's label proposal's text.
create or replace macro recurring_group_rows(kept, group_events, group_status_counts) as table
    with group_regions as (
        select m.group_id, list(r.name order by r.name) as regions
        from (select distinct group_id, region_id from query_table(group_events)) as m
        join regions as r on r.region_id = m.region_id
        group by m.group_id
    ),

    group_statuses as (
        select group_id, list({'status': status, 'proposals': proposals} order by status) as statuses
        from query_table(group_status_counts)
        group by group_id
    )

    select
        k.group_id,
        p.text as label,
        k.size,
        k.events,
        coalesce(gr.regions, []) as regions,
        k.first_date,
        k.last_date,
        gs.statuses
    from query_table(kept) as k
    join derived_recurring_labels as l on l.group_id = k.group_id
    join proposals as p on p.proposal_id = l.proposal_id
    left join group_regions as gr on gr.group_id = k.group_id
    left join group_statuses as gs on gs.group_id = k.group_id
    order by k.size desc, k.events desc, k.group_id;

-- The median of values counted per value (an aggregate over rows of value, count, through: the
-- running count up to this value included, total: the count of all): the middle value, the mean of
-- the two middle ones for an even count, as median() gives. A value holds the positions (from 0, in
-- value order) from through - count up to through (excluded).
create or replace macro counted_median(value, count, through, total) as (
    min(value) filter (where through - count <= (total - 1) // 2 and (total - 1) // 2 < through)
    + min(value) filter (where through - count <= total // 2 and total // 2 < through)
) / 2::double;

-- The two medians from day counts: `counts` names the calling macro's relation (a CTE) of days,
-- responses and implementations, one row per day value.
create or replace macro day_count_medians(counts) as table
    select
        counted_median(days, responses, responses_through, responses_total) as response_median,
        counted_median(days, implementations, implementations_through, implementations_total) as implementation_median
    from (
        select
            days,
            responses,
            implementations,
            sum(responses) over (order by days) as responses_through,
            sum(responses) over () as responses_total,
            sum(implementations) over (order by days) as implementations_through,
            sum(implementations) over () as implementations_total
        from query_table(counts)
    );

-- Median days to response and to implementation from derived_outcome_days (schema/014) under the
-- filters without theme or status, for month-aligned dates; from the yearly counts (schema/016)
-- when the dates allow.
create or replace macro outcome_day_medians(regions, date_from, date_to, event_types, include_demo) as table
    with counts as (
        select c.days, sum(c.responses) as responses, sum(c.implementations) as implementations
        from (
            select c.days, c.responses, c.implementations
            from derived_outcome_year_days as c
            where years_aligned(date_from, date_to)
              and passes_filters(regions, date_from, date_to, event_types, include_demo, c.region_id, c.year, c.event_type, c.is_demo)
            union all
            select c.days, c.responses, c.implementations
            from derived_outcome_days as c
            where not years_aligned(date_from, date_to)
              and passes_filters(regions, date_from, date_to, event_types, include_demo, c.region_id, c.month, c.event_type, c.is_demo)
        ) as c
        group by c.days
    )

    select * from day_count_medians('counts');
