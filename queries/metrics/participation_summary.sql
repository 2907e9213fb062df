-- The participation metrics alone (participants, women, men, unspecified, women's share, participants
-- with a gender split) and the events and demo events in view, for the Participation page: the event
-- columns of the headline metrics' row (summary_by_event.sql) under any filters, without the
-- proposals' figures and medians the page does not show. The status filter narrows proposals, not
-- events, so it leaves these figures as they are.
select * exclude (counted)
from metric_event_figures($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
