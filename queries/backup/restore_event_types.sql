-- Rows of event_types from a backup's Parquet file; columns are matched by name.
insert into event_types by name select * from read_parquet($path)
