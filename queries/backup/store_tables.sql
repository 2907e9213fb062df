-- The store's own tables, so a backup notices a table it does not know how to restore.
-- Derived tables (schema/004_derived_facts.sql) are left out: restore rebuilds them.
select table_name
from information_schema.tables
where table_schema = 'main' and table_type = 'BASE TABLE' and not starts_with(table_name, 'derived_')
order by table_name
