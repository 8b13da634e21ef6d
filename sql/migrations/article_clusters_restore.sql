-- Step 2 of dropping article_clusters's primary key: the rows of the keyed table into the new one.
insert into article_clusters by name select * from article_clusters_keyed;
drop table article_clusters_keyed;
