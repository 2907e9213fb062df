-- Proposals per region for the tile-grid map (Themes page): every region with its grid
-- position. proposals counts those carrying one of the filtered themes (all when none);
-- theme_share is that count as a share of all the region's proposals. in_view is false
-- for regions left out by the region filter; events counts the events with proposals behind the share.
-- Counts of all proposals and of events come from one row per event; only a theme filter
-- needs the proposals themselves.
with by_event as (
    select region_id, sum(proposals)::bigint as all_proposals, count(*) filter (where proposals > 0) as events
    from derived_events_in_view($regions, [], $date_from, $date_to, $event_types, $include_demo)
    group by region_id
),

with_themes as (
    select region_id, count(*) as proposals
    from derived_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
    where len($themes) > 0
    group by region_id
),

counted as (
    select
        e.region_id,
        e.all_proposals,
        case when len($themes) = 0 then e.all_proposals else coalesce(t.proposals, 0) end as proposals,
        e.events
    from by_event as e
    left join with_themes as t on t.region_id is not distinct from e.region_id
    where e.events > 0
)

select
    r.name as region,
    r.grid_row,
    r.grid_col,
    len($regions) = 0 or list_contains($regions, r.name) as in_view,
    coalesce(c.proposals, 0) as proposals,
    coalesce(c.all_proposals, 0) as all_proposals,
    coalesce(c.events, 0) as events,
    100.0 * c.proposals / nullif(c.all_proposals, 0) as theme_share
from regions as r
left join counted as c on c.region_id = r.region_id
order by r.grid_row, r.grid_col
