-- leaders_in_office_per_week: one row per ISO week, office and person who held it on at least
-- one day of that week (key: week, office, leader), for every week from the first to the last
-- week with a dated story (the grid of leader_weeks), weeks with nothing said included, with
-- zeros. week is the Monday of the week in the analyst's zone (kabar_tz, UTC by default).
-- articles counts distinct stories published on a day the person held the office and naming
-- them, mentions sums their mentions in each story's latest text, copies counts every stored
-- copy of those stories. "Whoever held office X" is the rows of office X: a week in which the
-- office changed hands has one row per holder, each counted on their own days.
create or replace view leaders_in_office_per_week as

with grid as (
    select * from leader_weeks
),

term as (
    select * from stg_leader_terms
),

story_leader as (
    select * from story_leaders
),

weeks as (
    select distinct week from grid
),

held_weeks as (
    select distinct
        weeks.week,
        term.office,
        term.country,
        term.leader
    from weeks
    inner join term
        on term.start_date < weeks.week + interval 7 day
        and (term.end_date is null or term.end_date >= weeks.week)
),

-- A story counts once per office and holder, even on a day two of their terms share.
held_stories as (
    select distinct
        story_leader.week,
        term.office,
        story_leader.leader,
        story_leader.story_id,
        story_leader.mention_count,
        story_leader.copies
    from story_leader
    inner join term
        on term.leader = story_leader.leader
        and story_leader.published_day >= term.start_date
        and (term.end_date is null or story_leader.published_day <= term.end_date)
),

counted as (
    select
        week,
        office,
        leader,
        count(*) as articles,
        cast(sum(mention_count) as bigint) as mentions,
        cast(sum(copies) as bigint) as copies
    from held_stories
    group by week, office, leader
),

final as (
    select
        held_weeks.week,
        held_weeks.office,
        held_weeks.country,
        held_weeks.leader,
        coalesce(counted.articles, 0) as articles,
        coalesce(counted.mentions, 0) as mentions,
        coalesce(counted.copies, 0) as copies
    from held_weeks
    left join counted
        on counted.week = held_weeks.week
        and counted.office = held_weeks.office
        and counted.leader = held_weeks.leader
)

select * from final
