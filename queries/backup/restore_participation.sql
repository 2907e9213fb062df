-- Rows of participation from a backup's Parquet file; columns are matched by name.
insert into participation by name select * from read_parquet($path)
