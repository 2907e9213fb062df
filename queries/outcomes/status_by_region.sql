-- Proposals in view per region and current follow-up status. For month-aligned dates the monthly
-- cells by theme mask and status (schema/014) add up; otherwise, without a theme or status
-- filter, each event's counts per status (schema/012), one row per event; else proposal by
-- proposal. All answer the same (tests/test_derived.py).
with counts as (
    select region_id, status, proposals
    from outcome_cells_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses)
    where months_aligned($date_from, $date_to)
    union all
    select e.region_id, unnest(e.statuses) as status, unnest(e.status_sizes) as proposals
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
    where not months_aligned($date_from, $date_to) and len($themes) = 0 and len($statuses) = 0
    union all
    select region_id, status, 1 as proposals
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses)
    where not months_aligned($date_from, $date_to) and (len($themes) > 0 or len($statuses) > 0)
)

select coalesce(r.name, 'Region not stated') as region, c.status, sum(c.proposals)::bigint as proposals
from counts as c
left join regions as r on r.region_id = c.region_id
group by all
