-- url_links: every stored match by URL, once per pair (article_id < other_id), with its
-- similarity: the links the one-time check of story keys judges again.
select article_id, other_id, similarity
from article_links
where method = 'url' and article_id < other_id
order by article_id, other_id
