-- rejects: one row per rejected input record, with the reason and a readable detail.
with rejected as (
    select * from rejects
),

final as (
    select
        rejected.file_path,
        rejected.position,
        rejected.url,
        rejected.reason,
        rejected.detail,
        rejected.run_id
    from rejected
)

select * from final
order by file_path, position
