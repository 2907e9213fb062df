-- The oldest proposals in view still without a response under a theme filter, read from the oldest
-- events first (as newest_proposals_in_view.sql does for the newest), with their event; as
-- oldest_unanswered.sql, which sorts every unanswered proposal in view, but exact only when it gives
-- $limit rows: dashboard/outcomes.py then shows them, else it asks oldest_unanswered.sql.
--
-- Proposals of one date go by id, so the first $limit lie in events up to some date. Take the oldest
-- 4 × $limit events in view with a proposal (so that they usually hold $limit under a theme) and every
-- such event up to the last one's date (all events when the last is undated or there are fewer):
-- every proposal of any other event is newer than all of theirs, so if their unanswered proposals in
-- view number at least $limit, the first $limit of those are the answer. Only those events'
-- proposals are read, from their dates' blocks.
with first_events as (
    select e.event_id, e.event_date
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
    where e.proposals > 0
    order by e.event_date nulls last, e.event_id
    limit 4 * $limit
),

cutoff as (
    select max(event_date) filter (where (select count(event_date) from first_events) = 4 * $limit) as last_date
    from first_events
),

chosen as (
    select e.event_id, e.event_date
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e, cutoff as k
    where e.proposals > 0 and (k.last_date is null or e.event_date <= k.last_date)
),

-- Their unanswered proposals from derived_proposals, joined on the date too, so DuckDB reads only
-- the blocks of those dates (undated events on their id). The events are in view, so only the
-- theme and status filters are left to check.
chosen_rows as (
    select p.proposal_id, p.event_id, p.region_id, p.event_date, p.theme_mask
    from derived_proposals as p
    join chosen as c on c.event_id = p.event_id and c.event_date = p.event_date
    where p.status = 'no_response'
    union all
    select p.proposal_id, p.event_id, p.region_id, p.event_date, p.theme_mask
    from derived_proposals as p
    join chosen as c on c.event_id = p.event_id
    where p.status = 'no_response' and c.event_date is null and p.event_date is null
),

oldest as (
    select r.proposal_id, r.event_id, r.region_id, r.event_date
    from chosen_rows as r
    where (len($themes) = 0 or r.theme_mask & themes_mask($themes) <> 0)
      and (len($statuses) = 0 or list_contains($statuses, 'no_response'))
    order by r.event_date nulls last, r.proposal_id
    limit $limit
)

select * from unanswered_rows('oldest')
