-- Which of the proposal ids in $proposal_ids exist (checked before a review is saved).
select proposal_id
from proposals
where list_contains($proposal_ids, proposal_id)
order by proposal_id
