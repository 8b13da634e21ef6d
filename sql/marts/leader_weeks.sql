-- leader_weeks: one row per leader per ISO week (key: week, leader), the dense grid the weekly
-- marts fill in: every week from the first to the last week with a dated story, in the analyst's
-- zone, times every leader of the list plus any other leader the stored mentions name.
create or replace view leader_weeks as

with article as (
    select * from stg_articles
),

cluster as (
    select * from stg_article_clusters
),

mention as (
    select * from stg_mentions
),

leader_list as (
    select * from stg_leaders
),

-- A story's week is its canonical article's (the article whose id is the story's): reading
-- those directly spares evaluating the whole stories view for two numbers.
canonical as (
    select article.published_week
    from article
    inner join cluster on cluster.story_id = article.article_id
),

bounds as (
    select min(published_week) as first_week, max(published_week) as last_week
    from canonical
    where published_week is not null
),

weeks as (
    select cast(unnest(generate_series(first_week, last_week, interval 7 day)) as date) as week
    from bounds
),

leader_names as (
    select leader from leader_list
    union
    select leader from mention
),

final as (
    select
        weeks.week,
        leader_names.leader
    from weeks
    cross join leader_names
)

select * from final
