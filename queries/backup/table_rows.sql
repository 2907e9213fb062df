-- Every row of one store table, in a stable order so equal stores give equal files.
select * from query_table($table) order by all
