-- keyed_tables: which of the tables named in $tables still have a primary key in this database
-- (stores made before those keys were dropped).
select distinct table_name
from duckdb_constraints()
where constraint_type = 'PRIMARY KEY'
    and database_name = current_database()
    and list_contains($tables, table_name)
order by table_name
