-- Which of these fingerprints are stored already (bulk import writes only new events at once).
select fingerprint
from events
where list_contains($fingerprints::varchar[], fingerprint)
