-- Rows of proposal_themes from a backup's Parquet file; columns are matched by name.
insert into proposal_themes by name select * from read_parquet($path)
