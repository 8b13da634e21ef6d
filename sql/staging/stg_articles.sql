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

-- Country-code domains commonly sold to sites anywhere: they say nothing of the country.
generic_country_codes as (
    select unnest(['ai', 'cc', 'co', 'eu', 'fm', 'gg', 'io', 'me', 'su', 'tv', 'ws']) as code
),

domains as (
    select
        source.article_id,
        lower(string_split(source.site, '.')[-1]) as top_level
    from source
),

countries as (
    select
        domains.article_id,
        case
            when domains.top_level = 'uk' then 'GB'
            when length(domains.top_level) = 2
                and domains.top_level not in (select code from generic_country_codes)
                and regexp_full_match(domains.top_level, '[a-z]{2}')
                then upper(domains.top_level)
        end as domain_country
    from domains
),

localised as (
    select
        source.*,
        timezone(coalesce(getvariable('kabar_tz'), 'UTC'), source.published_at) as published_local,
        coalesce(site_country.country, countries.domain_country) as source_country
    from source
    inner join countries on countries.article_id = source.article_id
    left join site_country on site_country.site = lower(source.site)
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
