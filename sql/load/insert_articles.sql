-- Load the batch's new articles from the registered frame batch_articles.
insert into articles by name
select * from batch_articles
