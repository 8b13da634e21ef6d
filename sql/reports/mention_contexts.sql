-- mention_contexts: one row per counted mention, with the sentence around it. $leaders:
-- canonical names, or null for all; $since, $until: articles published from and up to these
-- days (in the analyst's zone), both included; undated articles only when neither is given.
with contexts as (
    select * from mention_contexts
),

dated as (
    select
        *,
        cast(timezone(coalesce(getvariable('kabar_tz'), 'UTC'), published_at) as date) as day
    from contexts
),

final as (
    select
        dated.published_at,
        dated.site,
        dated.leader,
        dated.kind,
        dated.matched_text,
        dated.context,
        dated.url,
        dated.article_id,
        dated.story_id,
        dated.start_offset,
        dated.end_offset
    from dated
    where ($leaders is null or list_contains($leaders, dated.leader))
        and ($since is null or dated.day >= cast($since as date))
        and ($until is null or dated.day <= cast($until as date))
)

select * from final
order by published_at nulls last, article_id, start_offset
