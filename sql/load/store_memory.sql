-- What DuckDB holds in memory in this process: all its buffers, and its primary-key indexes.
select
    coalesce(sum(memory_usage_bytes), 0) as store_memory_bytes,
    coalesce(sum(memory_usage_bytes) filter (where tag = 'ART_INDEX'), 0) as index_memory_bytes
from duckdb_memory()
