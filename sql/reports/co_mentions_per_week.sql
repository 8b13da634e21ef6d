-- co_mentions_per_week: one row per week and pair of leaders named in the same stories.
-- $leaders: canonical names (a pair is kept when either of its leaders is one), or null for
-- all; $since: from that date's week on; $until: weeks that start on or before that date.
with pairs as (
    select * from co_mentions_per_week
),

final as (
    select
        pairs.week,
        pairs.leader_a,
        pairs.leader_b,
        pairs.stories,
        pairs.copies,
        pairs.mentions_a,
        pairs.mentions_b,
        pairs.joint_mentions
    from pairs
    where ($leaders is null
            or list_contains($leaders, pairs.leader_a)
            or list_contains($leaders, pairs.leader_b))
        and ($since is null or pairs.week >= date_trunc('week', cast($since as date)))
        and ($until is null or pairs.week <= cast($until as date))
)

select * from final
order by week, stories desc, joint_mentions desc, leader_a, leader_b
