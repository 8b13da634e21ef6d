-- mentions_per_leader_per_week: one row per leader per ISO week (key: week, leader), dense:
-- every leader for every week from the first to the last week with a dated story, weeks and
-- leaders with nothing said included, with zeros. week is the Monday of the story's week in the
-- analyst's zone (kabar_tz, UTC by default); leader is the canonical name, every leader of the
-- leader list plus any other leader the stored mentions name. articles counts distinct stories
-- naming the leader (a story syndicated to ten sites counts once), mentions sums the mentions in
-- each story's latest text, copies counts every stored copy of those stories, syndicated ones
-- included. Stories without a publication date have no week.
create or replace view mentions_per_leader_per_week as

with story_leader as (
    select * from story_leaders
),

grid as (
    select * from leader_weeks
),

weekly as (
    select
        week,
        leader,
        count(*) as articles,
        cast(sum(mention_count) as bigint) as mentions,
        cast(sum(copies) as bigint) as copies
    from story_leader
    group by week, leader
),

final as (
    select
        grid.week,
        grid.leader,
        coalesce(weekly.articles, 0) as articles,
        coalesce(weekly.mentions, 0) as mentions,
        coalesce(weekly.copies, 0) as copies
    from grid
    left join weekly on weekly.week = grid.week and weekly.leader = grid.leader
)

select * from final
