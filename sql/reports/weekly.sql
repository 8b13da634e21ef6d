-- weekly: mentions_per_leader_per_week, optionally for one leader (canonical name or any
-- alias, any case) and a date range (weeks that start on or after $since's week, up to $until).
with matching_leaders as (
    select leaders.leader
    from leaders
    where $leader is null
        or lower(leaders.leader) = lower($leader)
        or leaders.leader in (
            select leader_aliases.leader
            from leader_aliases
            where leader_aliases.kind = 'name' and lower(leader_aliases.alias) = lower($leader)
        )
),

final as (
    select
        weekly.week,
        weekly.leader,
        weekly.articles,
        weekly.mentions,
        weekly.copies
    from mentions_per_leader_per_week as weekly
    inner join matching_leaders on matching_leaders.leader = weekly.leader
    where ($since is null or weekly.week >= date_trunc('week', cast($since as date)))
        and ($until is null or weekly.week <= cast($until as date))
)

select * from final
order by week, mentions desc, leader
