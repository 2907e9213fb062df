-- Proposals in view per region and current follow-up status. Without a theme or status filter
-- each event's counts per status (schema/012) add up, one row per event instead of per proposal.
with counts as (
    select region_id, status, sum(proposals)::bigint as proposals
    from (
        select e.region_id, unnest(e.statuses) as status, unnest(e.status_sizes) as proposals
        from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
        where len($themes) = 0 and len($statuses) = 0
    )
    group by region_id, status
    union all
    select region_id, status, count(*) as proposals
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses)
    where len($themes) > 0 or len($statuses) > 0
    group by region_id, status
)

select coalesce(r.name, 'Region not stated') as region, c.status, sum(c.proposals)::bigint as proposals
from counts as c
left join regions as r on r.region_id = c.region_id
group by all
