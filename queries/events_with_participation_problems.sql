-- Filtered events whose participation figures are missing or do not add up (data-quality table),
-- with what the parser left out of the report and why: the first $limit (all when null), latest
-- first, and in `problems` how many there are in all. The figures are checked on the derived rows;
-- titles and warnings are read only for the events listed.
with checked as (
    select f.event_id, f.event_date, f.region_id, f.total, f.women, f.men, f.has_participation
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as f
    -- The problems below, as one cheap test: their texts are made for the listed rows only.
    where not f.has_participation
       or (f.women is null and f.men is null)
       or f.total is null
       or coalesce(f.women, 0) + coalesce(f.men, 0) > f.total
),

listed as (
    select *, count(*) over () as problems
    from checked
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
    case
        when not c.has_participation or (c.total is null and c.women is null and c.men is null)
            then 'No participant figures recorded'
        when c.women is null and c.men is null
            then 'No gender split: neither women nor men given'
        when c.total is null
            then 'Total missing although women or men are given'
        else 'Women and men together (' || (coalesce(c.women, 0) + coalesce(c.men, 0))
            || ') exceed the total (' || c.total || ')'
    end as problem,
    c.problems
from listed as c
join events as e on e.event_id = c.event_id
left join regions as r on r.region_id = c.region_id
order by c.event_date desc nulls last, c.event_id
