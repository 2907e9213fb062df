select position, title
from presentations
where event_id = $event_id
order by position
