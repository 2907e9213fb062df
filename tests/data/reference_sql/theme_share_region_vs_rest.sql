-- Test reference: queries/theme_share_region_vs_rest.sql as it was before the derived tables.
-- Each theme's share of proposals in $focus_region against all other regions in the
-- filtered view (Themes page). Shares are of all proposals on each side under the
-- other filters; the theme filter only narrows the themes shown.
with proposals_in_view as (
    select
        p.proposal_id,
        p.event_id,
        coalesce(r.name = $focus_region, false) as in_focus
    from ref_filtered_proposals($regions, [], $date_from, $date_to, $event_types, $include_demo) as p
    join events as e on e.event_id = p.event_id
    left join regions as r on r.region_id = e.region_id
),

sides as (
    select
        in_focus,
        count(*) as side_proposals,
        count(distinct event_id) as side_events
    from proposals_in_view
    group by in_focus
),

theme_counts as (
    select
        v.in_focus,
        pt.theme_id,
        count(*) as proposals
    from proposals_in_view as v
    join proposal_themes as pt on pt.proposal_id = v.proposal_id
    where len($themes) = 0 or list_contains($themes, pt.theme_id)
    group by v.in_focus, pt.theme_id
),

grid as (
    select
        s.in_focus,
        s.side_proposals,
        s.side_events,
        t.theme_id
    from sides as s
    cross join (select distinct theme_id from theme_counts) as t
)

select
    g.theme_id,
    case when g.in_focus then $focus_region else 'All other regions' end as side,
    g.in_focus,
    coalesce(c.proposals, 0) as proposals,
    g.side_proposals,
    g.side_events,
    100.0 * coalesce(c.proposals, 0) / g.side_proposals as share
from grid as g
left join theme_counts as c on c.in_focus = g.in_focus and c.theme_id = g.theme_id
order by g.theme_id, g.in_focus desc
