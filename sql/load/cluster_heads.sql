-- The canonical articles of the stories named in the registered frame touched_clusters(cluster_id),
-- with the publication time that orders them.
select articles.article_id as cluster_id, articles.published_at
from articles
where articles.article_id in (select cluster_id from touched_clusters)
