-- Stored events' facts as one JSON text each, (fingerprint, state), for the audit log's before and after.
select e.fingerprint, to_json({
    'title': e.title,
    'date': e.event_date,
    'region': e.region_id,
    'participants': {'total': pa.total, 'women': pa.women, 'men': pa.men},
    'proposals': (select count(*) from proposals as p where p.event_id = e.event_id),
    'content_hash': e.content_hash
})::varchar as state
from events as e
left join participation as pa on pa.event_id = e.event_id
where list_contains($fingerprints::varchar[], e.fingerprint)
