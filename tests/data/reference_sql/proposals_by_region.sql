-- Test reference: queries/proposals_by_region.sql as it was before the derived tables.
-- Proposals per region for the tile-grid map (Themes page): every region with its grid
-- position. proposals counts those carrying one of the filtered themes (all when none);
-- theme_share is that count as a share of all the region's proposals. in_view is false
-- for regions left out by the region filter.
with proposals_in_view as (
    select
        e.region_id,
        p.proposal_id,
        p.event_id,
        len($themes) = 0 or p.proposal_id in (
            select pt.proposal_id from proposal_themes as pt where list_contains($themes, pt.theme_id)
        ) as matches
    from ref_filtered_proposals($regions, [], $date_from, $date_to, $event_types, $include_demo) as p
    join events as e on e.event_id = p.event_id
),

counted as (
    select
        region_id,
        count(*) as all_proposals,
        count(*) filter (where matches) as proposals,
        count(distinct event_id) as events
    from proposals_in_view
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
