-- Stored articles that may be copies of the batch's articles: same canonical URL, same body
-- fingerprint, or a shared LSH band key. Each candidate comes with what verification needs
-- (signature, numbers) and the story it belongs to.
-- Reads the registered frames batch_keys(article_id, canonical_url, body_hash) and
-- batch_bands(article_id, band_key).
with batch_keys as (
    select * from batch_keys
),

batch_bands as (
    select * from batch_bands
),

by_url as (
    select batch_keys.article_id, articles.article_id as other_id, 'url' as method
    from batch_keys
    inner join articles on articles.canonical_url = batch_keys.canonical_url
),

by_body as (
    select batch_keys.article_id, articles.article_id as other_id, 'exact' as method
    from batch_keys
    inner join articles on articles.body_hash = batch_keys.body_hash
),

by_band as (
    select distinct batch_bands.article_id, article_bands.article_id as other_id, 'near' as method
    from batch_bands
    inner join article_bands on article_bands.band_key = batch_bands.band_key
),

candidates as (
    select * from by_url
    union all
    select * from by_body
    union all
    select * from by_band
),

final as (
    select
        candidates.article_id,
        candidates.other_id,
        candidates.method,
        article_signatures.signature,
        article_signatures.numbers,
        article_clusters.cluster_id
    from candidates
    inner join article_signatures on article_signatures.article_id = candidates.other_id
    inner join article_clusters on article_clusters.article_id = candidates.other_id
)

select * from final
