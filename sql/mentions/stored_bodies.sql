-- stored_bodies: every stored article's body, for recounting mentions without re-extracting.
-- Unordered: a recount writes every row, and sorting a million bodies would cost more than it.
select article_id, body from articles
