-- article_duplicates: one row per article that is a copy of another story's canonical article
-- (key: article_id). method and similarity are those of its match to the canonical article
-- when there is one, else of its strongest match in the story: 'url' (same canonical URL: a
-- re-crawl or a new version), 'exact' (same normalised body), 'near' (estimated Jaccard of word
-- shingles at or above the threshold).
create or replace view article_duplicates as

with clusters as (
    select * from stg_article_clusters
),

links as (
    select * from stg_article_links
),

copies as (
    select article_id, story_id
    from clusters
    where article_id <> story_id
),

ranked_links as (
    select
        copies.article_id,
        copies.story_id,
        links.method,
        links.similarity,
        row_number() over (
            partition by copies.article_id
            order by
                (links.other_id = copies.story_id) desc,
                case links.method when 'url' then 0 when 'exact' then 1 else 2 end,
                links.similarity desc,
                links.other_id
        ) as preference
    from copies
    left join links on links.article_id = copies.article_id
),

final as (
    select
        article_id,
        story_id as canonical_id,
        method,
        similarity
    from ranked_links
    where preference = 1
)

select * from final
