-- leader_share_of_voice_per_week: one row per leader per week in which the leader was named
-- (the view itself also lists the weeks with zeros). $leaders: canonical names, or null for
-- all; $since: from that date's week on; $until: weeks that start on or before that date.
with shares as (
    select * from leader_share_of_voice_per_week
),

final as (
    select
        shares.week,
        shares.leader,
        shares.stories,
        shares.stories_naming,
        shares.share
    from shares
    where shares.stories_naming > 0
        and ($leaders is null or list_contains($leaders, shares.leader))
        and ($since is null or shares.week >= date_trunc('week', cast($since as date)))
        and ($until is null or shares.week <= cast($until as date))
)

select * from final
order by week, share desc, leader
