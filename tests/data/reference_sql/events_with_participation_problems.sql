-- Reference for tests/test_derived.py: the participation problems as they were before they were
-- checked on the derived rows, every row at once.
-- Filtered events whose participation figures are missing or do not add up (data-quality table),
-- with what the parser left out of the report and why.
with checked as (
    select
        e.event_id,
        e.title,
        e.event_date,
        coalesce(r.name, 'Region not stated') as region,
        pa.total,
        pa.women,
        pa.men,
        ev.warnings as parser_warnings,
        case
            when pa.event_id is null or (pa.total is null and pa.women is null and pa.men is null)
                then 'No participant figures recorded'
            when pa.women is null and pa.men is null
                then 'No gender split: neither women nor men given'
            when pa.total is null
                then 'Total missing although women or men are given'
            when coalesce(pa.women, 0) + coalesce(pa.men, 0) > pa.total
                then 'Women and men together (' || (coalesce(pa.women, 0) + coalesce(pa.men, 0))
                    || ') exceed the total (' || pa.total || ')'
        end as problem
    from filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
    left join regions as r on r.region_id = e.region_id
    left join participation as pa on pa.event_id = e.event_id
    left join events as ev on ev.event_id = e.event_id
)

select *
from checked
where problem is not null
order by event_date desc nulls last, event_id
