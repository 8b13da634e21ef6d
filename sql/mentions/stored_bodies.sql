-- stored_bodies: every stored article's body and language, for recounting mentions without
-- re-extracting (the language chooses the name forms looked for). Unordered: a recount writes
-- every row, and sorting a million bodies would cost more than it.
select article_id, body, language from articles
