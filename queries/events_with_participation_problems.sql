-- Filtered events whose participation figures are missing or do not add up (data-quality table),
-- with what the parser left out of the report and why: the first $limit (all when null), latest
-- first, and in `problems` how many there are in all. The figures are checked on the derived rows;
-- titles and warnings are read only for the events listed.
with checked as (
    select
        f.event_id,
        f.event_date,
        f.region_id,
        f.total,
        f.women,
        f.men,
        -- The last problem's text names the figures: it is made for the listed rows only (a string
        -- per event in view cost more than the tests).
        case
            when not f.has_participation or (f.total is null and f.women is null and f.men is null)
                then 'No participant figures recorded'
            when f.women is null and f.men is null
                then 'No gender split: neither women nor men given'
            when f.total is null
                then 'Total missing although women or men are given'
            when coalesce(f.women, 0) + coalesce(f.men, 0) > f.total
                then 'exceeds'
        end as problem
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as f
),

listed as (
    select *, count(*) over () as problems
    from checked
    where problem is not null
    order by event_date desc nulls last, event_id
    limit $limit
)

select
    e.event_id,
    e.title,
    e.event_date,
    coalesce(r.name, 'Region not stated') as region,
    c.total,
    c.women,
    c.men,
    e.warnings as parser_warnings,
    case c.problem
        when 'exceeds' then 'Women and men together (' || (coalesce(c.women, 0) + coalesce(c.men, 0))
            || ') exceed the total (' || c.total || ')'
        else c.problem
    end as problem,
    c.problems
from listed as c
join events as e on e.event_id = c.event_id
left join regions as r on r.region_id = c.region_id
order by c.event_date desc nulls last, c.event_id
