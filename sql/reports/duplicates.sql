-- duplicates: one row per input record whose article is a copy of another story's.
with copies as (
    select * from duplicates
),

final as (
    select
        copies.file_path,
        copies.position,
        copies.url,
        copies.article_id,
        copies.canonical_id,
        copies.method,
        copies.similarity,
        copies.run_id
    from copies
)

select * from final
order by file_path, position
