-- stg_article_links: one row per verified match, in both directions (key: article_id, other_id).
create or replace view stg_article_links as

with source as (
    select * from article_links
),

final as (
    select
        article_id,
        other_id,
        method,
        similarity
    from source
)

select * from final
