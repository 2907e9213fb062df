-- A reviewer has set this proposal's themes by hand.
update proposals
set status = 'reviewed', reviewed_at = current_timestamp, reviewed_by = $reviewed_by
where proposal_id = $proposal_id
