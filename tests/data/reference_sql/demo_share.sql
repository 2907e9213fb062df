-- Test reference: queries/demo_share.sql as it was before the derived tables.
-- How much of the filtered view is synthetic demo data (the note on every page).
select
    count(*) as events,
    count(*) filter (where is_demo) as demo_events
from ref_filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
