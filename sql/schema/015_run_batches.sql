-- run_batches: one row per batch loaded by a run, with where its time went: reading the dumps,
-- extracting (seconds summed over the workers that shared the batch) and loading the store.
-- Operators watch it for slow stages and for batches that grow slower as a run goes on.
create table if not exists run_batches (
    run_id varchar not null,
    batch integer not null,
    records integer not null,
    read_seconds double not null,
    extract_seconds double not null,
    load_seconds double not null,
    finished_at timestamptz not null,
    primary key (run_id, batch)
);

-- Memory of the writing process after each batch: its resident set, and the part DuckDB holds
-- (its buffers, and of those its primary-key indexes). A run whose memory climbs batch after
-- batch shows it here. Stores made before these figures gain the columns, empty for old runs.
alter table run_batches add column if not exists writer_rss_bytes bigint;
alter table run_batches add column if not exists store_memory_bytes bigint;
alter table run_batches add column if not exists index_memory_bytes bigint;
