-- leaders_in_office_per_week: one row per week, office and holder, in weeks the holder was
-- named while holding it (the view itself also lists the weeks with zeros). $offices: office
-- titles, or null for all; $leaders: canonical names, or null for all; $since: from that
-- date's week on; $until: weeks that start on or before that date.
with weekly as (
    select * from leaders_in_office_per_week
),

final as (
    select
        weekly.week,
        weekly.office,
        weekly.leader,
        weekly.articles,
        weekly.mentions,
        weekly.copies
    from weekly
    where weekly.articles > 0
        and ($offices is null or list_contains($offices, weekly.office))
        and ($leaders is null or list_contains($leaders, weekly.leader))
        and ($since is null or weekly.week >= date_trunc('week', cast($since as date)))
        and ($until is null or weekly.week <= cast($until as date))
)

select * from final
order by week, office, mentions desc, leader
