-- stg_articles: one row per article (key: article_id), with its publication week in UTC.
create or replace view stg_articles as

with source as (
    select * from articles
),

final as (
    select
        article_id,
        url,
        canonical_url,
        site,
        title,
        author,
        published_at,
        timezone('UTC', published_at) as published_at_utc,
        cast(date_trunc('week', timezone('UTC', published_at)) as date) as published_week,
        published_at is not null as has_date,
        language,
        body,
        fetched_at,
        ingested_at
    from source
)

select * from final
