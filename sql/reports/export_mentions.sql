-- export_mentions: every stored mention count, as Parquet files partitioned by its article's
-- publication week (week=YYYY-MM-DD folders; week=undated for articles with no date) under
-- the folder $folder, beside export_articles. Used by `kabar export`, not a report.
copy (
    with stg_mentions as (
        select * from stg_mentions
    ),

    stg_articles as (
        select * from stg_articles
    ),

    clusters as (
        select * from stg_article_clusters
    ),

    final as (
        select
            stg_mentions.article_id,
            clusters.story_id,
            stg_mentions.leader,
            stg_mentions.mention_count,
            stg_mentions.in_office,
            coalesce(cast(stg_articles.published_week as varchar), 'undated') as week
        from stg_mentions
        inner join stg_articles on stg_articles.article_id = stg_mentions.article_id
        left join clusters on clusters.article_id = stg_mentions.article_id
    )

    select * from final
    order by week, article_id, leader
) to $folder (format parquet, partition_by (week))
