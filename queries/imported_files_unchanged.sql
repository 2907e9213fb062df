-- Of the file hashes given, those whose events (schema/009) are all still stored as the file
-- gave them, with how many events that is: importing such a file again changes nothing.
select f.file_hash, count(*) as events
from derived_imported_files as f
semi join (select unnest($file_hashes::varchar[]) as file_hash) as h on h.file_hash = f.file_hash
left join events as e on e.fingerprint = f.fingerprint and e.content_hash = f.content_hash
group by f.file_hash
having count(*) = count(e.event_id)
