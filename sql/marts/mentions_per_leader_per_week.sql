-- mentions_per_leader_per_week: one row per leader per ISO week (key: week, leader).
-- week is the Monday of the week, in UTC; leader is the canonical name; articles counts
-- distinct articles naming the leader that week, mentions sums their mentions.
-- Articles without a publication date have no week and are left out.
create or replace view mentions_per_leader_per_week as

with stg_articles as (
    select * from stg_articles
),

stg_mentions as (
    select * from stg_mentions
),

dated_mentions as (
    select
        stg_articles.published_week as week,
        stg_mentions.leader,
        stg_mentions.article_id,
        stg_mentions.mention_count
    from stg_mentions
    inner join stg_articles on stg_articles.article_id = stg_mentions.article_id
    where stg_articles.published_week is not null
),

final as (
    select
        week,
        leader,
        count(distinct article_id) as articles,
        cast(sum(mention_count) as bigint) as mentions
    from dated_mentions
    group by week, leader
)

select * from final
