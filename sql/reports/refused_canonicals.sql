-- refused_canonicals: one row per site and reason its URLs were refused as story keys, the
-- sites with most refused articles first.
with refused as (
    select * from refused_canonicals
),

final as (
    select
        refused.site,
        refused.reason,
        refused.articles,
        refused.site_articles,
        refused.urls,
        refused.top_url
    from refused
)

select * from final
order by articles desc, site, reason
