-- Cap (or restore) DuckDB's memory. A recount reads every body once: without a cap DuckDB keeps
-- the blocks it read cached, and the process grows with the store instead of staying flat.
set memory_limit = $memory_limit
