-- story_clusters: the stories of the articles of the registered frame articles(article_id).
select distinct article_clusters.cluster_id
from article_clusters
where article_clusters.article_id in (select article_id from articles)
order by article_clusters.cluster_id
