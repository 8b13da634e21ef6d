-- Stored articles (grain: one row per source of their bodies) by where each body came from.
with final as (
    select coalesce(extracted_by, 'unknown') as extracted_by, count(*) as articles
    from articles
    group by all
    order by extracted_by
)

select * from final
