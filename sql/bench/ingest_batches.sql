-- Benchmark only: the timings and writer memory of each batch of run $run_id, in order.
select
    batch,
    records,
    read_seconds,
    extract_seconds,
    load_seconds,
    finished_at,
    writer_rss_bytes,
    store_memory_bytes,
    index_memory_bytes
from run_batches
where run_id = $run_id
order by batch
