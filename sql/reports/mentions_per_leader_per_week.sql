-- mentions_per_leader_per_week: one row per leader per week in which the leader was named or
-- referred to by office (the view itself also lists the weeks with zeros). $leaders: canonical names, or null for
-- all; $since: from that date's week on; $until: weeks that start on or before that date.
with weekly as (
    select * from mentions_per_leader_per_week
),

final as (
    select
        weekly.week,
        weekly.leader,
        weekly.articles,
        weekly.mentions,
        weekly.copies,
        weekly.office_mentions,
        weekly.articles_any
    from weekly
    where weekly.articles_any > 0
        and ($leaders is null or list_contains($leaders, weekly.leader))
        and ($since is null or weekly.week >= date_trunc('week', cast($since as date)))
        and ($until is null or weekly.week <= cast($until as date))
)

select * from final
order by week, mentions desc, leader
