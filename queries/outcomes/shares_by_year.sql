-- Per year the proposals were made: how many, and the share (%) answered by now and implemented by now.
-- Without a theme or status filter the proposals in view are those of the events in view: their
-- counts add up from each event's (schema/012), one row per event instead of one per proposal.
with by_event as (
    select year(e.event_date) as year, sum(e.proposals)::bigint as proposals, sum(e.answered)::bigint as answered,
        sum(e.implemented)::bigint as implemented
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
    where len($themes) = 0 and len($statuses) = 0 and e.event_date is not null and e.proposals > 0
    group by year
),

by_proposal as (
    select
        year(s.event_date) as year,
        count(*) as proposals,
        count(*) filter (where s.first_response_date is not null) as answered,
        count(*) filter (where s.implemented_date is not null) as implemented
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as s
    where (len($themes) > 0 or len($statuses) > 0) and s.event_date is not null
    group by year
)

select year, proposals, 100.0 * answered / proposals as answered, 100.0 * implemented / proposals as implemented
from (
    select * from by_event
    union all
    select * from by_proposal
)
order by year
