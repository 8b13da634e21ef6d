-- story_members: the articles of the stories named in the registered frame
-- touched_clusters(cluster_id), with the publication time that orders a story's articles.
with touched as (
    select * from touched_clusters
),

final as (
    select article_clusters.article_id, articles.published_at
    from article_clusters
    inner join articles on articles.article_id = article_clusters.article_id
    where article_clusters.cluster_id in (select cluster_id from touched)
)

select * from final
order by article_id
