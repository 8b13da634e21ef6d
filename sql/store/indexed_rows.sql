-- indexed_rows: rows of this database's tables that have a primary key, each one a key DuckDB
-- holds in memory while rows are added to its table.
select coalesce(sum(estimated_size), 0)::bigint as indexed_rows
from duckdb_tables()
where has_primary_key and database_name = current_database()
