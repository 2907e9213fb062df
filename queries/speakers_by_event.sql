select position, name, role
from speakers
where event_id = $event_id
order by position
