-- Each theme's share of proposals in $focus_region against all other regions in the
-- filtered view (Themes page). Shares are of all proposals on each side under the
-- other filters; the theme filter only narrows the themes shown. side_events counts the
-- events with proposals on each side.
with sides as (
    select
        coalesce(r.name = $focus_region, false) as in_focus,
        sum(e.proposals)::bigint as side_proposals,
        count(*) filter (where e.proposals > 0) as side_events
    from derived_events_in_view($regions, [], $date_from, $date_to, $event_types, $include_demo) as e
    left join regions as r on r.region_id = e.region_id
    group by in_focus
    having sum(e.proposals) > 0
),

pairs as (
    select region_id, theme_id, proposals
    from theme_counts_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
),

theme_counts as (
    select
        coalesce(r.name = $focus_region, false) as in_focus,
        p.theme_id,
        sum(p.proposals)::bigint as proposals
    from pairs as p
    left join regions as r on r.region_id = p.region_id
    group by all
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
