-- Rows of participant_categories from a backup's Parquet file; columns are matched by name.
insert into participant_categories by name select * from read_parquet($path)
