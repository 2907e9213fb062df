-- Rows of audit_log from a backup's Parquet file; columns are matched by name.
insert into audit_log by name select * from read_parquet($path)
