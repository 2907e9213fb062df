-- The filtered events, newest first, with their participation and proposal counts, at most $limit rows.
-- `matching` is the count before the limit (Events table); counted apart so the limit is a top-N pass.
with newest as (
    select e.event_id, e.title, e.event_date, e.region_id, e.event_type, e.is_demo
    from filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
    order by e.event_date desc nulls last, e.event_id desc
    limit $limit
)

select
    e.event_id,
    e.title,
    e.event_date as date,
    r.name as region,
    coalesce(t.label_en, e.event_type) as event_type,
    f.total as participants,
    f.women,
    f.men,
    f.proposals::bigint as proposals,
    e.is_demo as demo,
    (
        select count(*)
        from filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
    ) as matching
from newest as e
left join regions as r on r.region_id = e.region_id
left join event_types as t on t.event_type = e.event_type
join derived_events as f on f.event_id = e.event_id
order by e.event_date desc nulls last, e.event_id desc
