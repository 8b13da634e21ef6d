-- Close a run with its counts, taken from the ledger so they cannot drift from it.
update runs set
    finished_at = $finished_at,
    status = $status,
    files_seen = $files_seen,
    files_skipped = $files_skipped,
    records_seen = counts.records_seen,
    articles_new = counts.articles_new,
    duplicates = counts.duplicates,
    rejects = counts.rejects
from (
    select
        count(*) as records_seen,
        count(*) filter (where outcome = 'article') as articles_new,
        count(*) filter (where outcome = 'duplicate') as duplicates,
        count(*) filter (where outcome = 'reject') as rejects
    from records
    where run_id = $run_id
) as counts
where runs.run_id = $run_id
