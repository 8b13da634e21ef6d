-- stored_bodies: every stored article's body, language and publication time, for recounting
-- mentions without re-extracting (the language chooses the name forms looked for; the day
-- tells which of two leaders sharing a surname a titled one names). Unordered: a recount
-- writes every row, and sorting a million bodies would cost more than it.
select article_id, body, language, published_at from articles
