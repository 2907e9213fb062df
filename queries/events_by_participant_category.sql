-- Number of filtered events in which each participant category took part (Participation page).
select
    pc.category,
    count(distinct pc.event_id) as events
from filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
join participant_categories as pc on pc.event_id = e.event_id
group by pc.category
order by events desc, pc.category
