-- Reference for tests/test_derived.py: outcomes/status_by_theme as it was before the cells of
-- derived_outcome_months (schema/014), counted proposal by proposal.
-- Proposals in view per theme and current follow-up status (a proposal counts once per theme;
-- with a theme filter only the filtered themes).
select t.theme_id, s.status, count(*) as proposals
from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as s
join themes as t on s.theme_mask & (1::bigint << t.bit) <> 0
where len($themes) = 0 or list_contains($themes, t.theme_id)
group by t.theme_id, s.status
