-- Test reference: queries/proposals_by_period_theme.sql as it was before the derived tables.
-- Proposals per period (month, quarter or year, $grain) and theme in the filtered view (Proposals trend).
-- A proposal with two themes counts once for each.
select
    date_trunc($grain, e.event_date) as period,
    pt.theme_id,
    count(*) as proposals
from ref_filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as p
join events as e on e.event_id = p.event_id
join proposal_themes as pt on pt.proposal_id = p.proposal_id
where e.event_date is not null
  and (len($themes) = 0 or list_contains($themes, pt.theme_id))
group by period, pt.theme_id
order by period, pt.theme_id
