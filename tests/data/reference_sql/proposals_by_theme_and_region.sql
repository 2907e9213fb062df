-- Test reference: queries/bench/proposals_by_theme_and_region.sql as it was before the derived tables.
-- Bench only: proposals per theme and region in the filtered view (the pandas peer answers the same).
select
    pt.theme_id,
    r.name as region,
    count(*) as proposals
from ref_filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
join proposal_themes as pt on pt.proposal_id = p.proposal_id
join events as e on e.event_id = p.event_id
join regions as r on r.region_id = e.region_id
where len($themes) = 0 or list_contains($themes, pt.theme_id)
group by pt.theme_id, r.name
order by pt.theme_id, r.name
