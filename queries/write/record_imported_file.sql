-- The events (parallel lists) a file with this hash gave, replacing what was recorded for it;
-- runs in the file's import transaction.
delete from derived_imported_files where file_hash = $file_hash;

insert into derived_imported_files (file_hash, fingerprint, content_hash)
select $file_hash, unnest($fingerprints::varchar[]), unnest($content_hashes::varchar[])
