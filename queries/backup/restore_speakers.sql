-- Rows of speakers from a backup's Parquet file; columns are matched by name.
insert into speakers by name select * from read_parquet($path)
