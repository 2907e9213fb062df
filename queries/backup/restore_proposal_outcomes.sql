-- Rows of proposal_outcomes (follow-up status history) from a backup's Parquet file.
insert into proposal_outcomes by name select * from read_parquet($path)
