-- How many rows one store table holds, to check a restore against its manifest.
select count(*) as row_count from query_table($table)
