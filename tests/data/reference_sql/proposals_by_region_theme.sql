-- Test reference: queries/proposals_by_region_theme.sql as it was before the derived tables.
-- Proposals per region and theme in the filtered view (a proposal with two themes counts once for each).
select
    coalesce(r.name, 'Unknown region') as region,
    pt.theme_id,
    count(*) as proposals
from ref_filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
join proposal_themes as pt on pt.proposal_id = p.proposal_id
join events as e on e.event_id = p.event_id
left join regions as r on r.region_id = e.region_id
where len($themes) = 0 or list_contains($themes, pt.theme_id)
group by all
order by region, pt.theme_id
