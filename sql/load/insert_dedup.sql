-- Store the batch's fingerprints, band keys, links and story assignments, and move the
-- members of stories that merged, and the URLs refused as story keys (batch_refusals), from
-- the registered frames of the same names.
insert into article_signatures by name select * from batch_signatures;
insert into article_bands by name select * from batch_band_rows;
insert into article_links by name select * from batch_links on conflict do nothing;
insert into article_clusters by name select * from batch_clusters;
update article_clusters
set cluster_id = cluster_moves.new_cluster_id
from cluster_moves
where article_clusters.cluster_id = cluster_moves.old_cluster_id;
insert into url_refusals by name select * from batch_refusals;
