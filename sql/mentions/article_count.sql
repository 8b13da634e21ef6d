-- article_count: how many articles are stored (one row).
select count(*) as articles from articles
