-- Test reference: queries/proposals_by_theme_region.sql as it was before the derived tables.
-- Proposals per theme and region (Themes heatmap). A proposal with two themes counts
-- once for each. region_proposals counts all of the region's proposals under the
-- other filters (the theme filter only narrows the themes shown), for the share.
with proposals_in_view as (
    select
        coalesce(r.name, 'Region not stated') as region,
        p.proposal_id,
        p.event_id
    from ref_filtered_proposals($regions, [], $date_from, $date_to, $event_types, $include_demo) as p
    join events as e on e.event_id = p.event_id
    left join regions as r on r.region_id = e.region_id
),

region_totals as (
    select
        region,
        count(*) as region_proposals,
        count(distinct event_id) as region_events
    from proposals_in_view
    group by region
),

theme_counts as (
    select
        v.region,
        pt.theme_id,
        count(*) as proposals
    from proposals_in_view as v
    join proposal_themes as pt on pt.proposal_id = v.proposal_id
    where len($themes) = 0 or list_contains($themes, pt.theme_id)
    group by v.region, pt.theme_id
)

select
    c.region,
    c.theme_id,
    c.proposals,
    t.region_proposals,
    t.region_events,
    100.0 * c.proposals / t.region_proposals as share
from theme_counts as c
join region_totals as t on t.region = c.region
order by c.region, c.theme_id
