-- Per year the proposals were made: how many, and the share (%) answered by now and implemented by now.
-- For month-aligned dates the monthly cells by theme mask and status (schema/014) add up; otherwise,
-- without a theme or status filter, each event's counts (schema/012), one row per event; else
-- proposal by proposal. All answer the same (tests/test_derived.py).
with counts as (
    select year(c.month) as year, c.proposals, c.answered, c.implemented
    from outcome_cells_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as c
    where months_aligned($date_from, $date_to) and c.month is not null
    union all
    select year(e.event_date) as year, e.proposals, e.answered, e.implemented
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
    where not months_aligned($date_from, $date_to) and len($themes) = 0 and len($statuses) = 0
      and e.event_date is not null and e.proposals > 0
    union all
    select
        year(s.event_date) as year,
        1 as proposals,
        (s.first_response_date is not null)::integer as answered,
        (s.implemented_date is not null)::integer as implemented
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as s
    where not months_aligned($date_from, $date_to) and (len($themes) > 0 or len($statuses) > 0)
      and s.event_date is not null
)

select year, proposals, 100.0 * answered / proposals as answered, 100.0 * implemented / proposals as implemented
from (
    select year, sum(proposals)::bigint as proposals, sum(answered)::bigint as answered, sum(implemented)::bigint as implemented
    from counts
    group by year
)
order by year
