-- memory_limit: DuckDB's current memory limit (one row), to restore after a recount.
select current_setting('memory_limit') as memory_limit
