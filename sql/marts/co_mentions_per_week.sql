-- co_mentions_per_week: one row per ISO week and unordered pair of leaders named in the same
-- story (key: week, leader_a, leader_b, with leader_a < leader_b), only for pairs named together
-- at least once that week. week is the Monday of the story's week in the analyst's zone
-- (kabar_tz, UTC by default). Mentions are read from each story's latest text, so a story
-- syndicated to ten sites counts once. stories counts the stories naming both leaders, copies
-- sums their stored copies, mentions_a and mentions_b sum each leader's mentions in them, and
-- joint_mentions sums, story by story, the smaller of the two counts (a story naming A three
-- times and B once adds 1). Stories without a publication date have no week.
create or replace view co_mentions_per_week as

with story as (
    select * from stories
),

mention as (
    select * from stg_mentions
),

story_mentions as (
    select
        story.published_week as week,
        story.story_id,
        story.copies,
        mention.leader,
        mention.mention_count
    from story
    inner join mention on mention.article_id = story.latest_article_id
    where story.published_week is not null
),

pairs as (
    select
        side_a.week,
        side_a.story_id,
        side_a.copies,
        side_a.leader as leader_a,
        side_b.leader as leader_b,
        side_a.mention_count as mentions_a,
        side_b.mention_count as mentions_b
    from story_mentions as side_a
    inner join story_mentions as side_b
        on side_b.story_id = side_a.story_id
        and side_b.leader > side_a.leader
),

final as (
    select
        week,
        leader_a,
        leader_b,
        count(*) as stories,
        cast(sum(copies) as bigint) as copies,
        cast(sum(mentions_a) as bigint) as mentions_a,
        cast(sum(mentions_b) as bigint) as mentions_b,
        cast(sum(least(mentions_a, mentions_b)) as bigint) as joint_mentions
    from pairs
    group by week, leader_a, leader_b
)

select * from final
