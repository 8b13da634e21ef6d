-- drop_links: remove the links of the registered frame refused_links(article_id, other_id), in
-- both directions.
delete from article_links
where exists (
    select 1
    from refused_links
    where (refused_links.article_id = article_links.article_id
            and refused_links.other_id = article_links.other_id)
        or (refused_links.article_id = article_links.other_id
            and refused_links.other_id = article_links.article_id)
);
