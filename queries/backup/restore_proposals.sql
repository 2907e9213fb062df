-- Rows of proposals from a backup's Parquet file; columns are matched by name.
insert into proposals by name select * from read_parquet($path)
