-- Proposals per region for the tile-grid map (Themes page): every region with its grid
-- position. proposals counts those carrying one of the filtered themes (all when none);
-- theme_share is that count as a share of all the region's proposals. in_view is false
-- for regions left out by the region filter; events counts the events with proposals behind the share.
with counted as (
    select
        region_id,
        count(*) as all_proposals,
        count(*) filter (where len($themes) = 0 or theme_mask & themes_mask($themes) <> 0) as proposals,
        count(distinct event_id) as events
    from derived_proposals_in_view($regions, [], $date_from, $date_to, $event_types, $include_demo)
    group by region_id
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
