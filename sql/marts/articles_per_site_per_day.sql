-- articles_per_site_per_day: one row per site and publication day (key: site, day), only days on
-- which the site published a stored article. day is the publication date in the analyst's zone
-- (kabar_tz, UTC by default); undated articles have no day and are left out. articles counts the
-- site's stored articles that day, copies of other sites' stories and re-crawled versions
-- included; stories counts the distinct stories among them; first_stories counts the stories the
-- site published first (their canonical article, the earliest published copy, is one of these
-- articles); languages lists the distinct languages detected, sorted. Articles whose site is
-- unknown are grouped under site '(unknown)'.
create or replace view articles_per_site_per_day as

with article as (
    select * from stg_articles
),

clusters as (
    select * from stg_article_clusters
),

dated_articles as (
    select
        coalesce(article.site, '(unknown)') as site,
        article.published_day as day,
        article.article_id,
        coalesce(clusters.story_id, article.article_id) as story_id,
        article.language
    from article
    left join clusters on clusters.article_id = article.article_id
    where article.published_day is not null
),

final as (
    select
        site,
        day,
        count(*) as articles,
        count(distinct story_id) as stories,
        count(distinct story_id) filter (where article_id = story_id) as first_stories,
        coalesce(
            list_sort(list(distinct language) filter (where language is not null)),
            cast([] as varchar[])
        ) as languages
    from dated_articles
    group by site, day
)

select * from final
