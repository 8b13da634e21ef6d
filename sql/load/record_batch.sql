-- The timings and memory of one loaded batch; a batch retried after an I/O error keeps its last.
insert or replace into run_batches (
    run_id,
    batch,
    records,
    read_seconds,
    extract_seconds,
    load_seconds,
    finished_at,
    writer_rss_bytes,
    store_memory_bytes,
    index_memory_bytes
)
values (
    $run_id,
    $batch,
    $records,
    $read_seconds,
    $extract_seconds,
    $load_seconds,
    $finished_at,
    $writer_rss_bytes,
    $store_memory_bytes,
    $index_memory_bytes
);
