-- stg_mentions: one row per article and leader named in it (key: article_id, leader).
create or replace view stg_mentions as

with source as (
    select * from mentions
),

final as (
    select
        article_id,
        leader,
        cast(mention_count as bigint) as mention_count
    from source
)

select * from final
