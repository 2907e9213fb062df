-- The events behind one clicked number (drill-down under every event chart): the filtered
-- view narrowed to the clicked region ($sel_region; 'Region not stated' for events without
-- one), period ($sel_from, $sel_to), participant category ($sel_category) and, for the
-- coverage matrix, real reports only ($sel_real_only). Coverage counts real reports whatever
-- the demo switch says, so demo events are dropped here rather than by the filter.
-- At most $limit rows, newest first; `matching` is the count before the limit, and
-- `matching_with_split` of those the events that report a gender split.
with clicked as (
    select
        e.event_id,
        e.event_date,
        e.region_id,
        e.event_type,
        e.is_demo,
        e.total,
        e.women,
        e.men,
        e.proposals,
        coalesce(r.name, 'Region not stated') as region
    from derived_events_in_view(
        $regions, $themes, $date_from, $date_to, $event_types, $include_demo or $sel_real_only
    ) as e
    left join regions as r on r.region_id = e.region_id
    where ($sel_region is null or coalesce(r.name, 'Region not stated') = $sel_region)
      and ($sel_not_region is null or coalesce(r.name, 'Region not stated') <> $sel_not_region)
      and ($sel_from is null or e.event_date >= $sel_from)
      and ($sel_to is null or e.event_date <= $sel_to)
      and (not $sel_real_only or not e.is_demo)
      and (
          $sel_category is null
          or e.event_id in (select pc.event_id from participant_categories as pc where pc.category = $sel_category)
      )
),

shown as (
    select *
    from clicked
    order by event_date desc nulls last, event_id desc
    limit $limit
)

select
    s.event_id,
    ev.title,
    s.event_date as date,
    s.region,
    coalesce(t.label_en, s.event_type) as event_type,
    s.total as participants,
    s.women,
    s.men,
    s.women is not null or s.men is not null as gender_split,
    s.proposals::bigint as proposals,
    s.is_demo as demo,
    (select count(*) from clicked) as matching,
    (select count(*) from clicked where women is not null or men is not null) as matching_with_split
from shown as s
join events as ev on ev.event_id = s.event_id
left join event_types as t on t.event_type = s.event_type
order by s.event_date desc nulls last, s.event_id desc
