-- restory: give the articles of the registered frame restoried(article_id, cluster_id) their
-- re-derived story, and record the URLs refused as keys in refusals(article_id, url, reason,
-- other_id, similarity).
update article_clusters
set cluster_id = restoried.cluster_id
from restoried
where article_clusters.article_id = restoried.article_id;
insert into url_refusals by name select * from refusals;
