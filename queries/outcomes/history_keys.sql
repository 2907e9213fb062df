-- The status changes already recorded for $proposal_ids, as the fields that make a change
-- the same one (a re-imported row matching one of these is skipped).
select proposal_id, status, status_date, responsible_body, response, source
from proposal_outcomes
where list_contains($proposal_ids, proposal_id)
