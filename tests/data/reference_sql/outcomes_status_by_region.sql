-- Reference for tests/test_derived.py: outcomes/status_by_region as it was before the events'
-- status counts (schema/012), counted proposal by proposal.
-- Proposals in view per region and current follow-up status.
select coalesce(r.name, 'Region not stated') as region, s.status, count(*) as proposals
from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as s
left join regions as r on r.region_id = s.region_id
group by all
