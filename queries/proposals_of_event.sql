select proposal_id, position, text
from proposals
where event_id = $event_id
order by position
