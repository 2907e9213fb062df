-- Median days from the event to a proposal's first response and to its implementation (full or
-- partial), over the proposals in view that got one, with how many that is.
select
    count(*) as proposals,
    count(s.first_response_date) as answered,
    count(s.implemented_date) as implemented,
    median(s.first_response_date - s.event_date) as days_to_response,
    median(s.implemented_date - s.event_date) as days_to_implementation
from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as s
