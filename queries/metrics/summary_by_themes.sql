-- The headline metrics (see summary_by_event.sql) with a theme filter and no status filter, for two or
-- more themes or dates off month boundaries (one theme, whole months: summary_by_theme.sql). The
-- counts add up the monthly cells (schema/014; the part-months proposal by proposal); the events in
-- view are those with a proposal in view, and those with an answered (implemented) one in view have
-- its theme in their answered_theme_mask (implemented_theme_mask); the medians take the days of the
-- answered (implemented) proposals in view from those events' lists. One row per event or per cell
-- instead of one per proposal.
select
    e.* exclude (counted),
    c.proposals,
    e.events as basis_proposals,
    c.answered,
    r.median as median_days_to_response,
    e.counted.theme_answered_events as basis_median_days_to_response,
    c.implemented,
    i.median as median_days_to_implementation,
    e.counted.theme_implemented_events as basis_median_days_to_implementation,
    unnest(metric_proposal_ratios(e.events, c.proposals, e.events, c.answered, c.implemented))
from metric_event_figures($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e,
    events_days_median($regions, $themes, $date_from, $date_to, $event_types, $include_demo, 'response') as r,
    events_days_median($regions, $themes, $date_from, $date_to, $event_types, $include_demo, 'implementation') as i,
    (
        select
            coalesce(sum(proposals), 0)::bigint as proposals,
            coalesce(sum(answered), 0)::bigint as answered,
            coalesce(sum(implemented), 0)::bigint as implemented
        from outcome_cells_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses)
    ) as c
