-- The oldest proposals in view still without a response, at most $limit, with their event.
-- The top-N is taken over the derived rows first: texts and titles are read for those only.
with oldest as (
    select s.proposal_id, s.event_id, s.region_id, s.event_date
    from status_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo, $statuses) as s
    where s.status = 'no_response'
    order by s.event_date nulls last, s.proposal_id
    limit $limit
)

select * from unanswered_rows('oldest')
