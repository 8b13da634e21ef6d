-- story_office_references: one row per dated story and leader its latest text refers to by
-- office (key: story_id, leader), with the story's week and day in the analyst's zone (kabar_tz,
-- UTC by default) and its stored copies, as story_leaders has them for names. office_mentions
-- counts references by title ("the Russian president"), metonym_mentions those by a place or
-- body that stands for the office ("the Kremlin"); see stg_office_references.
create or replace view story_office_references as

with story as (
    select * from stories
),

reference as (
    select * from stg_office_references
),

counted as (
    select
        article_id,
        leader,
        cast(count(*) filter (where kind = 'office') as bigint) as office_mentions,
        cast(count(*) filter (where kind = 'metonym') as bigint) as metonym_mentions
    from reference
    group by article_id, leader
),

final as (
    select
        story.published_week as week,
        story.published_day,
        counted.leader,
        story.story_id,
        counted.office_mentions,
        counted.metonym_mentions,
        story.copies
    from story
    inner join counted on counted.article_id = story.latest_article_id
    where story.published_week is not null
)

select * from final
