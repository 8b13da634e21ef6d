-- Stored article bodies, for recounting mentions without re-extracting.
select article_id, body from articles order by article_id
