-- duplicates: one row per input record whose article is a copy in another article's story
-- (key: file_id, position), with the story's canonical article and how it matched.
create or replace view duplicates as

with record as (
    select * from stg_records
),

copies as (
    select * from article_duplicates
),

final as (
    select
        record.file_path,
        record.position,
        record.url,
        record.article_id,
        copies.canonical_id,
        copies.method,
        copies.similarity,
        record.run_id,
        record.file_id
    from record
    inner join copies on copies.article_id = record.article_id
)

select * from final
