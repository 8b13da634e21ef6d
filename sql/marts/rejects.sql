-- rejects: one row per input record that is not an article (key: file_id, position),
-- with the reason code and a readable detail.
create or replace view rejects as

with record as (
    select * from stg_records
),

final as (
    select
        file_path,
        position,
        url,
        reason,
        detail,
        run_id,
        file_id
    from record
    where outcome = 'reject'
)

select * from final
