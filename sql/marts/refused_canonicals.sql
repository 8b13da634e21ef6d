-- refused_canonicals: one row per site and reason a URL was refused as a story key (key: site,
-- reason): how many of the site's stored articles declared such a URL, out of how many it has,
-- how many distinct URLs, and the most frequent one, so an operator can fix the site's
-- canonical tags or the crawl. Reasons are those of url_refusals ('root', 'section', 'tag',
-- 'author', 'search', 'pagination' by the path's shape; 'url_conflict' and 'shared' for a URL
-- that keyed unrelated bodies).
create or replace view refused_canonicals as

with refusals as (
    select * from url_refusals
),

article as (
    select * from stg_articles
),

site_articles as (
    select site, count(*) as site_articles
    from article
    group by site
),

refused as (
    select
        coalesce(article.site, '(unknown)') as site,
        refusals.reason,
        refusals.url,
        refusals.article_id
    from refusals
    inner join article on article.article_id = refusals.article_id
),

per_url as (
    select site, reason, url, count(distinct article_id) as articles
    from refused
    group by all
),

final as (
    select
        per_url.site,
        per_url.reason,
        sum(per_url.articles)::bigint as articles,
        any_value(site_articles.site_articles) as site_articles,
        count(*) as urls,
        arg_max(per_url.url, per_url.articles) as top_url
    from per_url
    left join site_articles on site_articles.site is not distinct from per_url.site
    group by per_url.site, per_url.reason
)

select * from final
