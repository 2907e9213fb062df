-- The event date of each of $proposal_ids that exists (status updates are checked against it).
select p.proposal_id, e.event_date
from proposals as p
join events as e on e.event_id = p.event_id
where list_contains($proposal_ids, p.proposal_id)
