-- Proposals in view per region and current follow-up status: the monthly cells by theme mask and
-- status (schema/014) added up, for any dates (outcome_cells_in_view, macros/outcomes.sql;
-- tests/test_derived.py checks them against counting proposal by proposal).
select coalesce(r.name, 'Region not stated') as region, c.status, sum(c.proposals)::bigint as proposals
from outcome_cells_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as c
left join regions as r on r.region_id = c.region_id
group by all
