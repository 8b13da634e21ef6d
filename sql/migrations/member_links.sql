-- member_links: the links left between articles of the registered frame members(article_id).
select article_links.article_id, article_links.other_id
from article_links
where article_links.article_id in (select article_id from members)
    and article_links.other_id in (select article_id from members)
order by article_links.article_id, article_links.other_id
