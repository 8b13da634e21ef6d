-- The story each article was placed in, for scoring deduplication against labelled stories.
select article_id, cluster_id
from article_clusters
