-- Rows of presentations from a backup's Parquet file; columns are matched by name.
insert into presentations by name select * from read_parquet($path)
