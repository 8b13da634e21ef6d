-- article_urls: every stored article's canonical URL and own URL, for the one-time check of
-- which of them key a story (tasks/store/upgrade.py).
select article_id, canonical_url, url
from articles
order by article_id
