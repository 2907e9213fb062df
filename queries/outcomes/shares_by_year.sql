-- Per year the proposals were made: how many, and the share (%) answered by now and implemented by now:
-- the monthly cells by theme mask and status (schema/014) added up, for any dates
-- (outcome_cells_in_view, macros/outcomes.sql; tests/test_derived.py checks them against counting
-- proposal by proposal).
with counts as (
    select year(c.month) as year, c.proposals, c.answered, c.implemented
    from outcome_cells_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as c
    where c.month is not null
)

select year, proposals, 100.0 * answered / proposals as answered, 100.0 * implemented / proposals as implemented
from (
    select year, sum(proposals)::bigint as proposals, sum(answered)::bigint as answered, sum(implemented)::bigint as implemented
    from counts
    group by year
)
order by year
