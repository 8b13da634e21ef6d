-- The file of the database this connection writes to; its write-ahead log lies beside it.
select path
from duckdb_databases()
where database_name = current_database()
