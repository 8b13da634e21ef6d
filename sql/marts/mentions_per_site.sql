-- mentions_per_site: one row per site and leader named on it (key: site, leader). Every stored
-- copy counts here, since the question is what each site published: articles counts the site's
-- stored articles naming the leader (a story syndicated to ten sites counts once on each; two
-- versions of one page on one site count twice), mentions sums the mentions in them, first_seen
-- and last_seen are the earliest and latest publication times of those articles (null when none
-- is dated). Articles whose site is unknown are grouped under site '(unknown)'.
create or replace view mentions_per_site as

with article as (
    select * from stg_articles
),

mention as (
    select * from stg_mentions
),

article_mentions as (
    select
        coalesce(article.site, '(unknown)') as site,
        mention.leader,
        article.article_id,
        article.published_at,
        mention.mention_count
    from article
    inner join mention on mention.article_id = article.article_id
),

final as (
    select
        site,
        leader,
        count(*) as articles,
        cast(sum(mention_count) as bigint) as mentions,
        min(published_at) as first_seen,
        max(published_at) as last_seen
    from article_mentions
    group by site, leader
)

select * from final
