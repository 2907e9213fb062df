-- Test reference: queries/participation_by_region.sql as it was before the derived tables.
-- Events and participants by gender per region in the filtered view (briefing gender chart).
select
    coalesce(r.name, 'Unknown region') as region,
    count(*) as events,
    coalesce(sum(pa.total), 0)::bigint as participants,
    coalesce(sum(pa.women), 0)::bigint as women,
    coalesce(sum(pa.men), 0)::bigint as men,
    coalesce(sum(pa.unspecified), 0)::bigint as unspecified
from ref_filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
left join regions as r on r.region_id = e.region_id
left join participation as pa on pa.event_id = e.event_id
group by all
order by region
