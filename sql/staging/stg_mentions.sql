-- stg_mentions: one row per article and leader named in it (key: article_id, leader).
-- in_office says whether the leader held any office of the registry on the article's day (in
-- the analyst's zone, as stg_articles cuts days; a term's first and last days count): null for
-- an undated article, and for a leader without terms (one added from a flat leader file).
create or replace view stg_mentions as

with source as (
    select * from mentions
),

-- The day straight from the raw table: the marts that read this view most (the weekly ones)
-- then pay for one narrow join, not for stg_articles whole.
article as (
    select
        article_id,
        cast(
            timezone(coalesce(getvariable('kabar_tz'), 'UTC'), published_at) as date
        ) as published_day
    from articles
),

term as (
    select * from stg_leader_terms
),

leaders_with_terms as (
    select distinct leader from term
),

final as (
    select
        source.article_id,
        source.leader,
        cast(source.mention_count as bigint) as mention_count,
        case
            when article.published_day is null or leaders_with_terms.leader is null then null
            else exists (
                select 1
                from term
                where term.leader = source.leader
                    and article.published_day >= term.start_date
                    and (term.end_date is null or article.published_day <= term.end_date)
            )
        end as in_office
    from source
    inner join article on article.article_id = source.article_id
    left join leaders_with_terms on leaders_with_terms.leader = source.leader
)

select * from final
