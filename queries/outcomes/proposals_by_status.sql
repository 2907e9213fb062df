-- Proposals in view per current follow-up status (statuses without proposals are absent).
select status, count(*) as proposals
from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses)
group by status
