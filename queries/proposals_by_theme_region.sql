-- Proposals per theme and region (Themes heatmap). A proposal with two themes counts
-- once for each. region_proposals counts all of the region's proposals under the
-- other filters (the theme filter only narrows the themes shown), for the share;
-- region_events the events with proposals behind that total.
with region_totals as (
    select
        coalesce(r.name, 'Region not stated') as region,
        sum(e.proposals)::bigint as region_proposals,
        count(*) filter (where e.proposals > 0) as region_events
    from derived_events_in_view($regions, [], $date_from, $date_to, $event_types, $include_demo) as e
    left join regions as r on r.region_id = e.region_id
    group by all
    having sum(e.proposals) > 0
),

pairs as (
    select region_id, theme_id, proposals
    from theme_counts_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
),

theme_counts as (
    select
        coalesce(r.name, 'Region not stated') as region,
        p.theme_id,
        sum(p.proposals)::bigint as proposals
    from pairs as p
    left join regions as r on r.region_id = p.region_id
    group by all
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
