-- Close a run with its figures, taken from the ledger so they cannot drift from it: counts,
-- duplicates by method, rejects by reason, records per second, the leaders its articles
-- named most, and the five files that gave it most rejects.
with run_records as (
    select * from records where run_id = $run_id
),

counts as (
    select
        count(*) as records_seen,
        count(*) filter (where outcome = 'article') as articles_new,
        count(*) filter (where outcome = 'duplicate') as duplicates,
        count(*) filter (where outcome = 'reject') as rejects
    from run_records
),

by_method as (
    select coalesce(map(list(method), list(records)), map()) as duplicates_by_method
    from (
        select method, count(*) as records
        from run_records
        where outcome = 'duplicate'
        group by method
        order by records desc, method
    )
),

by_reason as (
    select coalesce(map(list(reason), list(records)), map()) as rejects_by_reason
    from (
        select reason, count(*) as records
        from run_records
        where outcome = 'reject'
        group by reason
        order by records desc, reason
    )
),

leaders as (
    select coalesce(
        list({'leader': leader, 'mentions': mentions} order by mentions desc, leader)[1:5], []
    ) as top_leaders
    from (
        select mentions.leader, sum(mentions.mention_count) as mentions
        from run_records
        inner join mentions on mentions.article_id = run_records.article_id
        where run_records.outcome <> 'reject'
        group by mentions.leader
    )
),

file_reasons as (
    select file_id, reason, count(*) as records
    from run_records
    where outcome = 'reject'
    group by file_id, reason
),

reject_files as (
    select
        file_reasons.file_id,
        any_value(files.path) as path,
        sum(file_reasons.records) as rejects,
        map(
            list(file_reasons.reason order by file_reasons.records desc, file_reasons.reason),
            list(file_reasons.records order by file_reasons.records desc, file_reasons.reason)
        ) as rejects_by_reason
    from file_reasons
    left join files on files.file_id = file_reasons.file_id
    group by file_reasons.file_id
),

top_files as (
    select coalesce(
        list(
            {
                'path': coalesce(path, file_id),
                'rejects': rejects,
                'rejects_by_reason': rejects_by_reason
            }
            order by rejects desc, path
        )[1:5],
        []
    ) as top_reject_files
    from reject_files
),

final as (
    select * from counts, by_method, by_reason, leaders, top_files
)

update runs set
    finished_at = $finished_at,
    status = $status,
    files_seen = $files_seen,
    files_skipped = $files_skipped,
    records_seen = final.records_seen,
    articles_new = final.articles_new,
    duplicates = final.duplicates,
    rejects = final.rejects,
    duplicates_by_method = final.duplicates_by_method,
    rejects_by_reason = final.rejects_by_reason,
    records_per_second = final.records_seen
        / greatest(epoch($finished_at) - epoch(runs.started_at), 0.001),
    top_leaders = final.top_leaders,
    top_reject_files = final.top_reject_files
from final
where runs.run_id = $run_id
