-- stg_records: one row per input record (key: file_id, position) with its file's path.
create or replace view stg_records as

with records_source as (
    select * from records
),

files_source as (
    select * from files
),

final as (
    select
        records_source.file_id,
        files_source.path as file_path,
        records_source.position,
        records_source.run_id,
        records_source.outcome,
        records_source.article_id,
        records_source.url,
        records_source.method,
        records_source.reason,
        records_source.detail
    from records_source
    left join files_source on files_source.file_id = records_source.file_id
)

select * from final
