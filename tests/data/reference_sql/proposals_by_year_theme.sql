-- Test reference: queries/proposals_by_year_theme.sql as it was before the derived tables.
-- Proposals per year and theme in the filtered view (briefing trend chart).
select
    year(e.event_date) as year,
    pt.theme_id,
    count(*) as proposals
from ref_filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
join proposal_themes as pt on pt.proposal_id = p.proposal_id
join events as e on e.event_id = p.event_id
where e.event_date is not null
  and (len($themes) = 0 or list_contains($themes, pt.theme_id))
group by all
order by year, pt.theme_id
