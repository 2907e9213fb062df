delete from proposal_themes where proposal_id = $proposal_id
