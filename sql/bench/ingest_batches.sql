-- Benchmark only: the timings of each batch of run $run_id, in order.
select
    batch,
    records,
    read_seconds,
    extract_seconds,
    load_seconds,
    finished_at
from run_batches
where run_id = $run_id
order by batch
