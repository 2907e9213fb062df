-- The restored store keeps the backup's migration history, not the restore's own.
delete from schema_version;
insert into schema_version by name select * from read_parquet($path)
