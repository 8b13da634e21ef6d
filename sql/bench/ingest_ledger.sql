-- Benchmark only: where every input record ended, by the path of its file and its position,
-- with the story (cluster) its article was placed in; rejects have none.
with ledger as (
    select * from records
),

input_files as (
    select * from files
),

clusters as (
    select * from article_clusters
),

final as (
    select
        input_files.path,
        ledger.position,
        ledger.outcome,
        ledger.method,
        ledger.reason,
        clusters.cluster_id
    from ledger
    inner join input_files on input_files.file_id = ledger.file_id
    left join clusters on clusters.article_id = ledger.article_id
)

select * from final
