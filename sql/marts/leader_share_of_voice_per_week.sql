-- leader_share_of_voice_per_week: one row per leader per ISO week (key: week, leader), dense
-- like mentions_per_leader_per_week: every leader for every week from the first to the last
-- week with a dated story. week is the Monday of the story's week in the analyst's zone
-- (kabar_tz, UTC by default). stories counts every dated story of the week, whoever it names
-- (a syndicated story counts once); stories_naming counts those whose latest text names the
-- leader; share is stories_naming / stories, 0 in a week without stories.
create or replace view leader_share_of_voice_per_week as

with story as (
    select * from stories
),

story_leader as (
    select * from story_leaders
),

grid as (
    select * from leader_weeks
),

stories_per_week as (
    select published_week as week, count(*) as stories
    from story
    where published_week is not null
    group by published_week
),

naming_per_week as (
    select week, leader, count(*) as stories_naming
    from story_leader
    group by week, leader
),

counted as (
    select
        grid.week,
        grid.leader,
        coalesce(stories_per_week.stories, 0) as stories,
        coalesce(naming_per_week.stories_naming, 0) as stories_naming
    from grid
    left join stories_per_week on stories_per_week.week = grid.week
    left join naming_per_week
        on naming_per_week.week = grid.week
        and naming_per_week.leader = grid.leader
),

final as (
    select
        week,
        leader,
        stories,
        stories_naming,
        case when stories = 0 then 0.0 else stories_naming / stories end as share
    from counted
)

select * from final
