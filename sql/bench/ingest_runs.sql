-- Benchmark only: every run of the store with its counts, oldest first.
select
    run_id,
    status,
    started_at,
    finished_at,
    files_seen,
    files_skipped,
    records_seen,
    articles_new,
    duplicates,
    rejects,
    duplicates_by_method,
    rejects_by_reason,
    records_per_second
from runs
order by started_at
