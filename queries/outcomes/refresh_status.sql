-- Bring derived_proposal_status in line with the history for $proposal_ids (all when null);
-- runs in the writer's transaction, after its changes to proposal_outcomes.
delete from derived_proposal_status
where $proposal_ids is null or list_contains($proposal_ids, proposal_id);

insert into derived_proposal_status
select *
from proposal_status_from_history
where $proposal_ids is null or list_contains($proposal_ids, proposal_id)
order by proposal_id
