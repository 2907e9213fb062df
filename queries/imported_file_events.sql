-- The events a file with this hash gave when it was imported (schema/009), and how many of them
-- are still stored with the same content: all of them means importing it again changes nothing.
select count(*) as events, count(e.event_id) as stored
from derived_imported_files as f
left join events as e on e.fingerprint = f.fingerprint and e.content_hash = f.content_hash
where f.file_hash = $file_hash
