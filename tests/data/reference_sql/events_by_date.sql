-- Test reference: queries/events_by_date.sql as it was before the derived tables.
-- The filtered events, newest first, with their participation and proposal counts, at most $limit rows.
-- `matching` is the count before the limit (Events table).
with proposal_counts as (
    select event_id, count(*) as proposals
    from proposals
    group by event_id
)

select
    e.event_id,
    e.title,
    e.event_date as date,
    r.name as region,
    coalesce(t.label_en, e.event_type) as event_type,
    pa.total as participants,
    pa.women,
    pa.men,
    coalesce(pc.proposals, 0) as proposals,
    e.is_demo as demo,
    count(*) over () as matching
from ref_filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
left join regions as r on r.region_id = e.region_id
left join event_types as t on t.event_type = e.event_type
left join participation as pa on pa.event_id = e.event_id
left join proposal_counts as pc on pc.event_id = e.event_id
order by e.event_date desc nulls last, e.event_id desc
limit $limit
