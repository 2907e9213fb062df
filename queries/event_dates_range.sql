-- First and last event date in the filtered view (the briefing's title slide).
select
    min(event_date) as first_date,
    max(event_date) as last_date
from filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
