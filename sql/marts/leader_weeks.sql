-- leader_weeks: one row per leader per ISO week (key: week, leader), the dense grid the weekly
-- marts fill in: every week from the first to the last week with a dated story, in the analyst's
-- zone, times every leader of the list plus any other leader the stored mentions name.
create or replace view leader_weeks as

with story as (
    select * from stories
),

mention as (
    select * from stg_mentions
),

leader_list as (
    select * from stg_leaders
),

bounds as (
    select min(published_week) as first_week, max(published_week) as last_week
    from story
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
