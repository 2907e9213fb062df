delete from proposal_themes where proposal_id = $proposal_id;
delete from proposals where proposal_id = $proposal_id;
delete from proposal_outcomes where proposal_id = $proposal_id;
delete from derived_proposal_status where proposal_id = $proposal_id;
