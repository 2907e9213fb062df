-- The store's own tables, so a backup notices a table it does not know how to restore.
select table_name
from information_schema.tables
where table_schema = 'main' and table_type = 'BASE TABLE'
order by table_name
