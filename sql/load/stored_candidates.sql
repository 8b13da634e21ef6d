-- Stored articles that may be copies of the batch's articles: those sharing a lookup key with
-- one of them (a canonical-URL key, a body-fingerprint key, or an LSH band key; the method says
-- which), with the share of equal MinHash positions of the two signatures (the estimated
-- Jaccard similarity of their bodies), the numbers each body states and the story each
-- candidate belongs to. Pairs found only by LSH bands come back only when their similarity
-- reaches $threshold: a band key shared by many unrelated stored articles would otherwise
-- bring every one of them, and its signature, to the loader. Reads the registered frames
-- batch_bands(band_key, article_id, method) and batch_signatures(article_id, signature, numbers).
--
-- The loader runs it with DuckDB's join reordering off (tasks/store.py scan): each join scans
-- the table written first and builds its hash table from the side written second, which is
-- always the batch's side. A store's band keys and signatures are scanned once, and what is
-- held is narrow: candidate pairs carry no signature until they meet the stored one, and the
-- batch's own signatures are joined last. Left to itself, DuckDB pairs every candidate with its
-- batch signature first and holds those rows in a hash table, which grows with the store
-- (60,000 pairs and over 30 MB for a batch of 465 articles against 196,000 stored ones).
with batch_bands as (
    select * from batch_bands
),

batch_signatures as (
    select * from batch_signatures
),

candidates as (
    select distinct
        batch_bands.article_id,
        article_bands.article_id as other_id,
        batch_bands.method
    from article_bands
    inner join batch_bands on batch_bands.band_key = article_bands.band_key
),

compared as (
    select
        candidates.article_id,
        candidates.other_id,
        candidates.method,
        len(list_filter(
            range(1, len(batch_signatures.signature) + 1),
            lambda i: batch_signatures.signature[i] = article_signatures.signature[i]
        )) / len(batch_signatures.signature) as similarity,
        article_signatures.numbers
    from article_signatures
    inner join candidates on candidates.other_id = article_signatures.article_id
    inner join batch_signatures on batch_signatures.article_id = candidates.article_id
),

final as (
    select
        compared.article_id,
        compared.other_id,
        compared.method,
        compared.similarity,
        compared.numbers,
        article_clusters.cluster_id
    from article_clusters
    inner join compared on compared.other_id = article_clusters.article_id
    where compared.method <> 'near' or compared.similarity >= $threshold
)

select * from final
