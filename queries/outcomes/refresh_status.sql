-- Bring derived_proposal_status, and the status columns of derived_proposals (schema/009), in
-- line with the history for $proposal_ids (all when null); runs in the writer's transaction,
-- after its changes to proposal_outcomes. Their events' figures follow (derived/refresh_event_figures).
delete from derived_proposal_status
where $proposal_ids is null or list_contains($proposal_ids, proposal_id);

insert into derived_proposal_status
select *
from proposal_status_from_history
where $proposal_ids is null or list_contains($proposal_ids, proposal_id)
order by proposal_id;

update derived_proposals
set
    status = coalesce(s.status, 'no_response'),
    status_date = s.status_date,
    first_response_date = s.first_response_date,
    implemented_date = s.implemented_date
from (
    select d.proposal_id, s.status, s.status_date, s.first_response_date, s.implemented_date
    from derived_proposals as d
    left join derived_proposal_status as s on s.proposal_id = d.proposal_id
    where $proposal_ids is null or list_contains($proposal_ids, d.proposal_id)
) as s
where derived_proposals.proposal_id = s.proposal_id
