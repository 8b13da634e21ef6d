-- export_articles: every stored article with its story, as Parquet files partitioned by the
-- article's publication week (week=YYYY-MM-DD folders; week=undated for articles with no
-- date) under the folder $folder. Used by `kabar export`, not a report.
copy (
    with articles as (
        select * from articles
    ),

    stg_articles as (
        select * from stg_articles
    ),

    clusters as (
        select * from stg_article_clusters
    ),

    final as (
        select
            articles.*,
            clusters.story_id,
            stg_articles.source_country,
            coalesce(cast(stg_articles.published_week as varchar), 'undated') as week
        from articles
        inner join stg_articles on stg_articles.article_id = articles.article_id
        left join clusters on clusters.article_id = articles.article_id
    )

    select * from final
    order by week, published_at, article_id
) to $folder (format parquet, partition_by (week))
