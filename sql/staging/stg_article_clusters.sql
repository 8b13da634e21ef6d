-- stg_article_clusters: one row per article (key: article_id) with its story (story_id, the
-- story's canonical article).
create or replace view stg_article_clusters as

with source as (
    select * from article_clusters
),

final as (
    select
        article_id,
        cluster_id as story_id
    from source
)

select * from final
