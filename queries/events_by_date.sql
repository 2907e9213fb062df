-- The filtered events, newest first, with their participation and proposal counts, at most $limit rows.
-- `matching` is the count before the limit (Events table). Both are taken from the derived event rows
-- (a top-N pass and a count); titles and labels are looked up for the shown events only.
with in_view as (
    select e.event_id, e.event_date
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
),

newest as (
    select event_id
    from in_view
    order by event_date desc nulls last, event_id desc
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
    (select count(*) from in_view) as matching
from newest as n
join events as e on e.event_id = n.event_id
left join regions as r on r.region_id = e.region_id
left join event_types as t on t.event_type = e.event_type
join derived_events as f on f.event_id = e.event_id
order by e.event_date desc nulls last, e.event_id desc
