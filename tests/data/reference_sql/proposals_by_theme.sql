-- Test reference: queries/proposals_by_theme.sql as it was before the derived tables.
-- Proposals per theme in the filtered view (a proposal with two themes counts once for each).
select
    pt.theme_id,
    count(*) as proposals
from ref_filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
join proposal_themes as pt on pt.proposal_id = p.proposal_id
where len($themes) = 0 or list_contains($themes, pt.theme_id)
group by pt.theme_id
order by proposals desc
