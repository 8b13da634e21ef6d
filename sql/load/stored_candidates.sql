-- Stored articles that may be copies of the batch's articles: those sharing a lookup key with
-- one of them (a canonical-URL key, a body-fingerprint key, or an LSH band key; the method says
-- which). Each candidate comes with what verification needs (signature, numbers) and the story
-- it belongs to. Reads the registered frame batch_bands(band_key, article_id, method).
with batch_bands as (
    select * from batch_bands
),

candidates as (
    select distinct
        batch_bands.article_id,
        article_bands.article_id as other_id,
        batch_bands.method
    from batch_bands
    inner join article_bands on article_bands.band_key = batch_bands.band_key
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
