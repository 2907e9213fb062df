-- Test reference: queries/participation_by_gender_region.sql as it was before the derived tables.
-- Participants by gender per region in the filtered view (Participation page).
-- Events without a stated region are grouped under 'Region not stated'.
select
    coalesce(r.name, 'Region not stated') as region,
    count(*) as events,
    coalesce(sum(pa.women), 0) as women,
    coalesce(sum(pa.men), 0) as men,
    coalesce(sum(pa.unspecified), 0) as unspecified,
    coalesce(sum(pa.total), 0) as participants
from ref_filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
left join regions as r on r.region_id = e.region_id
left join participation as pa on pa.event_id = e.event_id
group by region
order by participants, region desc
