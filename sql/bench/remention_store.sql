-- Benchmark only: $size stored articles for `kabar remention` to recount. Grain: one row per
-- article. Each body is one of the texts in $bodies (news paragraphs naming leaders, in the
-- languages of $languages) with its article number appended, so every body is distinct.
insert into articles by name
with numbered as (
    select i, cast(i % len($bodies) as integer) + 1 as pick
    from range($size) as t(i)
),

final as (
    select
        i as article_id,
        'https://s' || (i % 500) || '.example/a/' || i as url,
        'https://s' || (i % 500) || '.example/a/' || i as canonical_url,
        's' || (i % 500) || '.example' as site,
        null as site_name,
        'Stored story ' || i as title,
        null as author,
        timestamptz '2024-01-01' + to_minutes(i % 1000000) as published_at,
        'metadata' as date_source,
        $languages[pick] as language,
        $bodies[pick] || ' (' || i || ')' as body,
        md5(cast(i as varchar)) as body_hash,
        null as fetched_at,
        'synthetic' as file_id,
        i as position,
        'bench' as run_id,
        now() as ingested_at
    from numbered
)

select * from final;
