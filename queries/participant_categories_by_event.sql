select category
from participant_categories
where event_id = $event_id
order by category
