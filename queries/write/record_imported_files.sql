-- write/record_imported_file.sql for several files at once; lists are aligned row by row
-- (a file's hash once for each event it gave).
delete from derived_imported_files where list_contains($file_hashes::varchar[], file_hash);

insert into derived_imported_files (file_hash, fingerprint, content_hash)
select unnest($file_hashes::varchar[]), unnest($fingerprints::varchar[]), unnest($content_hashes::varchar[])
