-- Participants by gender per region in the filtered view (Participation page).
-- Events without a stated region are grouped under 'Region not stated'.
select
    coalesce(r.name, 'Region not stated') as region,
    count(*) as events,
    coalesce(sum(e.women), 0) as women,
    coalesce(sum(e.men), 0) as men,
    coalesce(sum(e.unspecified), 0) as unspecified,
    coalesce(sum(e.total), 0) as participants
from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
left join regions as r on r.region_id = e.region_id
group by region
order by participants, region desc
