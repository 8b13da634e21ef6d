-- stg_articles: one row per article (key: article_id), with its publication time, day and week
-- in the analyst's zone: the session variable kabar_tz (Kabar sets it from $KABAR_TZ), UTC when
-- it is not set. Undated articles (published_at null) have no local time, day or week.
create or replace view stg_articles as

with source as (
    select * from articles
),

localised as (
    select
        *,
        timezone(coalesce(getvariable('kabar_tz'), 'UTC'), published_at) as published_local
    from source
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
        published_local,
        cast(published_local as date) as published_day,
        cast(date_trunc('week', published_local) as date) as published_week,
        published_at is not null as has_date,
        language,
        body,
        fetched_at,
        ingested_at
    from localised
)

select * from final
