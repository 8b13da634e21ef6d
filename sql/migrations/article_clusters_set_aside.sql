-- Step 1 of dropping article_clusters's primary key: keep the keyed table under another name; the schema
-- then creates article_clusters as it is now, and step 2 (article_clusters_restore.sql) moves the rows over.
alter table article_clusters rename to article_clusters_keyed;
