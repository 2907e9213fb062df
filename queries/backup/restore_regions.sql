-- Rows of regions from a backup's Parquet file; columns are matched by name.
insert into regions by name select * from read_parquet($path)
