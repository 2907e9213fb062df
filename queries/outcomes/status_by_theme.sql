-- Proposals in view per theme and current follow-up status (a proposal counts once per theme;
-- with a theme filter only the filtered themes): the monthly cells by theme mask and status
-- (schema/014) added up, for any dates (outcome_cells_in_view, macros/outcomes.sql;
-- tests/test_derived.py checks them against counting proposal by proposal).
with counts as (
    select theme_mask, status, proposals
    from outcome_cells_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses)
),

by_mask as (
    select theme_mask, status, sum(proposals)::bigint as proposals
    from counts
    where theme_mask <> 0
    group by all
)

select t.theme_id, c.status, sum(c.proposals)::bigint as proposals
from by_mask as c
join themes as t on c.theme_mask & (1::bigint << t.bit) <> 0
where len($themes) = 0 or list_contains($themes, t.theme_id)
group by t.theme_id, c.status
