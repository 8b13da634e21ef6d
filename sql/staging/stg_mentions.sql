-- stg_mentions: one row per article and leader named in it (key: article_id, leader).
-- in_office says whether the leader held any office of the registry on the article's UTC day
-- (a term's first and last days count): null for an undated article, and for a leader without
-- terms (one added from a flat leader file). It is stored with the mention (060_mentions.sql).
create or replace view stg_mentions as

with source as (
    select * from mentions
),

final as (
    select
        article_id,
        leader,
        cast(mention_count as bigint) as mention_count,
        in_office
    from source
)

select * from final
