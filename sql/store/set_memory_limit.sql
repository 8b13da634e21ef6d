-- Cap (or restore) DuckDB's memory. Without a cap DuckDB keeps every block it has read cached,
-- up to most of the machine's memory, so a long ingest or a recount grows with the store
-- instead of staying flat; past the cap, large joins spill to disk.
set memory_limit = $memory_limit
