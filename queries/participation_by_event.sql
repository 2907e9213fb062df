select total, women, men, unspecified
from participation
where event_id = $event_id
