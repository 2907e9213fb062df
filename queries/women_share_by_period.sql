-- Women's share of participants per period (Participation page). The period is a
-- year when the dated events in view span more than three years, else a quarter.
-- The share is the women_share metric (queries/metrics/summary.sql) per period: it counts only
-- events whose report states the total and how many were women (a gender split).
with events_in_view as (
    select
        e.event_date,
        e.women,
        e.total,
        e.total is not null and e.women is not null as has_split
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
    where e.event_date is not null
),

grain as (
    select
        case
            when date_diff('day', min(event_date), max(event_date)) > 3 * 365 then 'year'
            else 'quarter'
        end as unit
    from events_in_view
),

periods as (
    select
        g.unit as grain,
        cast(date_trunc(g.unit, v.event_date) as date) as period_start,
        v.*
    from events_in_view as v
    cross join grain as g
)

select
    grain,
    period_start,
    case
        when grain = 'year' then cast(year(period_start) as varchar)
        else year(period_start) || ' Q' || quarter(period_start)
    end as period,
    count(*) as events,
    count(*) filter (where has_split) as events_with_split,
    coalesce(sum(women) filter (where has_split), 0) as women,
    coalesce(sum(total) filter (where has_split), 0) as participants,
    100.0 * sum(women) filter (where has_split)
    / nullif(sum(total) filter (where has_split), 0) as women_share
from periods
group by grain, period_start
order by period_start
