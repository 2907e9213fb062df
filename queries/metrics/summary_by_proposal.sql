-- The headline metrics (see summary_by_event.sql) with a status filter: the proposals' figures
-- counted proposal by proposal.
select
    e.* exclude (counted),
    p.*,
    unnest(metric_proposal_ratios(e.events, p.proposals, p.basis_proposals, p.answered, p.implemented))
from metric_event_figures($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e,
    (
        select
            count(*) as proposals,
            count(distinct event_id) as basis_proposals,
            count(first_response_date) as answered,
            median(first_response_date - event_date) as median_days_to_response,
            count(distinct event_id) filter (where first_response_date is not null) as basis_median_days_to_response,
            count(implemented_date) as implemented,
            median(implemented_date - event_date) as median_days_to_implementation,
            count(distinct event_id) filter (where implemented_date is not null) as basis_median_days_to_implementation
        from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses)
    ) as p
