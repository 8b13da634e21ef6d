-- stories: one row per story, without its body (see the view for it). $since: stories of
-- that date's week on; $until: weeks that start on or before that date; undated stories only
-- when neither is given.
with story as (
    select * from stories
),

final as (
    select
        story.published_week,
        story.published_at,
        story.story_id,
        story.site,
        story.language,
        story.title,
        story.copies,
        story.sites,
        story.url
    from story
    where ($since is null or story.published_week >= date_trunc('week', cast($since as date)))
        and ($until is null or story.published_week <= cast($until as date))
)

select * from final
order by published_at nulls last, story_id
