-- Benchmark only: whether the store has a table called $table_name (stores made before it was
-- added do not).
select count(*) > 0 as present
from information_schema.tables
where table_name = $table_name
