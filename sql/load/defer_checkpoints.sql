-- Raise the write-ahead log size at which DuckDB checkpoints on its own to $threshold. DuckDB
-- checkpoints inside the commit that crosses it, while the batch's frames are still held; the
-- ingest checkpoints between batches instead (tasks/store.py checkpoint_if_due).
set checkpoint_threshold = $threshold
