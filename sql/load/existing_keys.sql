-- Stored articles that share a canonical URL or a body fingerprint with the batch being loaded.
-- Reads the registered frame batch_keys(canonical_url, body_hash).
with batch_keys as (
    select * from batch_keys
),

by_url as (
    select 'url' as method, articles.canonical_url as key, min(articles.article_id) as article_id
    from articles
    where articles.canonical_url in (select canonical_url from batch_keys)
    group by articles.canonical_url
),

by_body as (
    select 'exact' as method, articles.body_hash as key, min(articles.article_id) as article_id
    from articles
    where articles.body_hash in (select body_hash from batch_keys)
    group by articles.body_hash
)

select * from by_url
union all
select * from by_body
