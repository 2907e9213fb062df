select event_id, content_hash
from events
where fingerprint = $fingerprint
