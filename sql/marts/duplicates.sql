-- duplicates: one row per input record whose article is a copy in another article's story
-- (key: file_id, position), with the story's canonical article and how it matched.
create or replace view duplicates as

with stg_records as (
    select * from stg_records
),

copies as (
    select * from article_duplicates
),

final as (
    select
        stg_records.file_path,
        stg_records.position,
        stg_records.url,
        stg_records.article_id,
        copies.canonical_id,
        copies.method,
        copies.similarity,
        stg_records.run_id,
        stg_records.file_id
    from stg_records
    inner join copies on copies.article_id = stg_records.article_id
)

select * from final
