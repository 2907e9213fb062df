-- The events of the proposals in $proposal_ids (a review refreshes their derived rows).
select distinct event_id
from proposals
where list_contains($proposal_ids, proposal_id)
order by event_id
