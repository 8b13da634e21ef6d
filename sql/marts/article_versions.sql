-- article_versions: one row per stored article whose canonical URL keys its story (key:
-- article_id), numbered by fetch time within its page: version 1 is the first crawl, is_latest
-- marks the version whose text stories show. A URL refused as a key (url_refusals: a front
-- page, a listing, or one shared by unrelated texts) has no versions.
create or replace view article_versions as

with article as (
    select * from stg_articles
),

refused as (
    select distinct article_id, url from url_refusals
),

numbered as (
    select
        canonical_url,
        article_id,
        title,
        fetched_at,
        ingested_at,
        row_number() over (
            partition by canonical_url
            order by fetched_at nulls first, ingested_at, article_id
        ) as version,
        count(*) over (partition by canonical_url) as versions
    from article
    where canonical_url is not null
        and not exists (
            select 1
            from refused
            where refused.article_id = article.article_id and refused.url = article.canonical_url
        )
),

final as (
    select
        canonical_url,
        article_id,
        version,
        version = versions as is_latest,
        title,
        fetched_at,
        ingested_at
    from numbered
)

select * from final
