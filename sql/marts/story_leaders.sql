-- story_leaders: one row per dated story and leader its latest text names (key: story_id,
-- leader), with the story's week in the analyst's zone (kabar_tz, UTC by default), the
-- mentions in that text and the story's stored copies; published_day is the story's day in the
-- same zone, and in_office whether the leader held an office that day (stg_mentions). The weekly marts count these rows:
-- one row per story and leader, so counting rows counts distinct stories.
create or replace view story_leaders as

with story as (
    select * from stories
),

mention as (
    select * from stg_mentions
),

final as (
    select
        story.published_week as week,
        story.published_day,
        mention.leader,
        story.story_id,
        mention.mention_count,
        mention.in_office,
        story.copies
    from story
    inner join mention on mention.article_id = story.latest_article_id
    where story.published_week is not null
)

select * from final
