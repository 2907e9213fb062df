-- Events and participants by gender per region in the filtered view (briefing gender chart).
select
    coalesce(r.name, 'Unknown region') as region,
    count(*) as events,
    coalesce(sum(e.total), 0)::bigint as participants,
    coalesce(sum(e.women), 0)::bigint as women,
    coalesce(sum(e.men), 0)::bigint as men,
    coalesce(sum(e.unspecified), 0)::bigint as unspecified
from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
left join regions as r on r.region_id = e.region_id
group by all
order by region
