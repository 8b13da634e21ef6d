-- mentions_per_leader_per_week: one row per leader per ISO week (key: week, leader), dense:
-- every leader for every week from the first to the last week with a dated story, weeks and
-- leaders with nothing said included, with zeros. week is the Monday of the story's week in the
-- analyst's zone (kabar_tz, UTC by default); leader is the canonical name, every leader of the
-- leader list plus any other leader the stored mentions name. articles counts distinct stories
-- naming the leader (a story syndicated to ten sites counts once), mentions sums the mentions in
-- each story's latest text, copies counts every stored copy of those stories, syndicated ones
-- included. office_mentions sums the references to the leader by office in those latest texts
-- ("the Russian president" for whoever held that office that day), metonym_mentions those by a
-- place that stands for the office ("the Kremlin"), and articles_any counts distinct stories
-- naming the leader or referring to them by office (metonyms left out); see
-- stg_office_references. Stories without a publication date have no week.
create or replace view mentions_per_leader_per_week as

with story_leader as (
    select * from story_leaders
),

story_reference as (
    select * from story_office_references
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

referenced as (
    select
        week,
        leader,
        cast(sum(office_mentions) as bigint) as office_mentions,
        cast(sum(metonym_mentions) as bigint) as metonym_mentions
    from story_reference
    group by week, leader
),

any_reference as (
    select
        week,
        leader,
        count(distinct story_id) as articles_any
    from (
        select week, leader, story_id from story_leader
        union all
        select week, leader, story_id from story_reference where office_mentions > 0
    )
    group by week, leader
),

final as (
    select
        grid.week,
        grid.leader,
        coalesce(weekly.articles, 0) as articles,
        coalesce(weekly.mentions, 0) as mentions,
        coalesce(weekly.copies, 0) as copies,
        coalesce(referenced.office_mentions, 0) as office_mentions,
        coalesce(referenced.metonym_mentions, 0) as metonym_mentions,
        coalesce(any_reference.articles_any, 0) as articles_any
    from grid
    left join weekly on weekly.week = grid.week and weekly.leader = grid.leader
    left join referenced on referenced.week = grid.week and referenced.leader = grid.leader
    left join any_reference
        on any_reference.week = grid.week and any_reference.leader = grid.leader
)

select * from final
