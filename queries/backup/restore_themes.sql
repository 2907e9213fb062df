-- Rows of themes from a backup's Parquet file; columns are matched by name.
insert into themes by name select * from read_parquet($path)
