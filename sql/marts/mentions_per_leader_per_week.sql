-- mentions_per_leader_per_week: one row per leader per ISO week (key: week, leader).
-- week is the Monday of the story's week in UTC; leader is the canonical name. articles counts
-- distinct stories naming the leader (a story syndicated to ten sites counts once), mentions
-- sums the mentions in each story's latest text, copies counts every stored copy of those
-- stories, syndicated ones included. Stories without a publication date have no week.
create or replace view mentions_per_leader_per_week as

with story as (
    select * from stories
),

stg_mentions as (
    select * from stg_mentions
),

story_mentions as (
    select
        story.published_week as week,
        stg_mentions.leader,
        story.story_id,
        stg_mentions.mention_count,
        story.copies
    from story
    inner join stg_mentions on stg_mentions.article_id = story.latest_article_id
    where story.published_week is not null
),

final as (
    select
        week,
        leader,
        count(distinct story_id) as articles,
        cast(sum(mention_count) as bigint) as mentions,
        cast(sum(copies) as bigint) as copies
    from story_mentions
    group by week, leader
)

select * from final
