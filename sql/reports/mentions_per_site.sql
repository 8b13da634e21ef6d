-- mentions_per_site: one row per site and leader named on it. $leaders: canonical names, or
-- null for all.
with per_site as (
    select * from mentions_per_site
),

final as (
    select
        per_site.site,
        per_site.leader,
        per_site.articles,
        per_site.mentions,
        per_site.first_seen,
        per_site.last_seen
    from per_site
    where $leaders is null or list_contains($leaders, per_site.leader)
)

select * from final
order by mentions desc, site, leader
