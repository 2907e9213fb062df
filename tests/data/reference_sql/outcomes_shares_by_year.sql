-- Reference for tests/test_derived.py: outcomes/shares_by_year as it was before the events' follow-up
-- figures (schema/012), counted proposal by proposal.
-- Per year the proposals were made: how many, and the share (%) answered by now and implemented by now.
select
    year(s.event_date) as year,
    count(*) as proposals,
    100.0 * count(*) filter (where s.first_response_date is not null) / count(*) as answered,
    100.0 * count(*) filter (where s.implemented_date is not null) / count(*) as implemented
from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as s
where s.event_date is not null
group by year
order by year
