-- stg_articles: one row per article (key: article_id), with its publication time, day and week
-- in the analyst's zone: the session variable kabar_tz (Kabar sets it from $KABAR_TZ), UTC when
-- it is not set. Undated articles (published_at null) have no local time, day or week.
-- source_country is where the site publishes from: its entry in data/sites.csv
-- (stg_site_countries), else its country-code domain (`.id` gives ID, `.uk` gives GB), else null
-- (generic domains such as .com, and country codes sold as generic ones such as .io or .tv).
create or replace view stg_articles as

with source as (
    select * from articles
),

site_country as (
    select * from stg_site_countries
),

-- The last label of the site's domain, once per article, beside the site table's answer.
domains as (
    select
        source.*,
        lower(string_split(source.site, '.')[-1]) as top_level,
        site_country.country as listed_country
    from source
    left join site_country on site_country.site = lower(source.site)
),

localised as (
    select
        *,
        timezone(coalesce(getvariable('kabar_tz'), 'UTC'), published_at) as published_local,
        case
            when listed_country is not null then listed_country
            when top_level = 'uk' then 'GB'
            -- Country-code domains commonly sold to sites anywhere say nothing of the country.
            when regexp_full_match(top_level, '[a-z]{2}')
                and not list_contains(
                    ['ai', 'cc', 'co', 'eu', 'fm', 'gg', 'io', 'me', 'su', 'tv', 'ws'], top_level
                )
                then upper(top_level)
        end as source_country
    from domains
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
        source_country,
        body,
        fetched_at,
        ingested_at
    from localised
)

select * from final
