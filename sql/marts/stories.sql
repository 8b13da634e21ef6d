-- stories: one row per story (key: story_id), a cluster of copies of one article. The story's
-- identity, site, date, local time, day and week are its canonical article's (the earliest
-- published, undated last, then the smallest id; day and week are cut in the analyst's zone,
-- see stg_articles); its title, body and language are those of the latest version of the
-- canonical article's page (same canonical URL, most recently fetched, then ingested; a URL
-- refused as a story key, such as a front page every page declares, names no page).
-- copies counts every stored copy, syndicated ones on other sites included; sites counts sites.
-- source_country is the canonical article's (stg_articles). A session may slice the stories:
-- with the variable kabar_language set, only stories in that language; with
-- kabar_source_country set, only stories whose canonical article's site is from that country
-- (`kabar report --language/--source-country` set them; every model over stories follows).
create or replace view stories as

with article as (
    select * from stg_articles
),

clusters as (
    select * from stg_article_clusters
),

members as (
    select clusters.story_id, article.*
    from clusters
    inner join article on article.article_id = clusters.article_id
),

canonical as (
    select * from members where article_id = story_id
),

refused as (
    select distinct article_id, url from url_refusals
),

versions as (
    select
        members.story_id,
        members.article_id,
        members.title,
        members.body,
        members.language,
        row_number() over (
            partition by members.story_id
            order by members.fetched_at desc nulls last, members.ingested_at desc, members.article_id desc
        ) as recency
    from members
    inner join canonical on canonical.story_id = members.story_id
    where members.article_id = canonical.article_id
        or (
            members.canonical_url = canonical.canonical_url
            and not exists (
                select 1
                from refused
                where refused.article_id = canonical.article_id
                    and refused.url = canonical.canonical_url
            )
        )
),

spread as (
    select story_id, count(*) as copies, count(distinct site) as sites
    from members
    group by story_id
),

final as (
    select
        canonical.story_id,
        versions.article_id as latest_article_id,
        canonical.url,
        canonical.site,
        canonical.published_at,
        canonical.published_week,
        canonical.published_day,
        canonical.published_local,
        versions.language,
        canonical.source_country,
        versions.title,
        versions.body,
        spread.copies,
        spread.sites
    from canonical
    inner join versions on versions.story_id = canonical.story_id and versions.recency = 1
    inner join spread on spread.story_id = canonical.story_id
    where (getvariable('kabar_language') is null or versions.language = getvariable('kabar_language'))
        and (
            getvariable('kabar_source_country') is null
            or canonical.source_country = getvariable('kabar_source_country')
        )
)

select * from final
