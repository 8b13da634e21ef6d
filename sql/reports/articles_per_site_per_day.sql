-- articles_per_site_per_day: one row per site and day on which it published a stored article.
-- languages is comma-separated. $since, $until: days from and up to these dates, both included.
with per_day as (
    select * from articles_per_site_per_day
),

final as (
    select
        per_day.day,
        per_day.site,
        per_day.articles,
        per_day.stories,
        per_day.first_stories,
        array_to_string(per_day.languages, ',') as languages
    from per_day
    where ($since is null or per_day.day >= cast($since as date))
        and ($until is null or per_day.day <= cast($until as date))
)

select * from final
order by day, articles desc, site
