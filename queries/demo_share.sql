-- How much of the filtered view is synthetic demo data (the note on every page).
select
    count(*) as events,
    count(*) filter (where is_demo) as demo_events
from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
