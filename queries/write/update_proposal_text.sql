-- A different proposal now stands at this position: its old review no longer applies.
update proposals
set text = $text, status = 'recorded', reviewed_at = null, reviewed_by = null
where proposal_id = $proposal_id
