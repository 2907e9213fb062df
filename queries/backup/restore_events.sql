-- Rows of events from a backup's Parquet file; columns are matched by name.
insert into events by name select * from read_parquet($path)
