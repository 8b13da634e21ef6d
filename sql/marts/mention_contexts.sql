-- mention_contexts: one row per counted mention of a leader in a stored article (key:
-- article_id, leader, start_offset), every copy of a story included: kind 'name' for a name,
-- 'office' or 'metonym' for a reference by office (stg_office_references), so an analyst can
-- read each one in its sentence. matched_text is the text
-- the matcher counted, body[start_offset:end_offset] (offsets in characters from 0, end
-- exclusive). context is the sentence around it: from just after the last sentence end
-- (. ! ? 。 ！ ？) or line break before the mention to the next sentence end (kept) or line
-- break after it, trimmed of spaces, and cut to at most 150 characters on either side of the
-- mention when the sentence is longer. Abbreviations ("Mr.") and decimals also end a sentence.
create or replace view mention_contexts as

with name_span as (
    select * from stg_mention_spans
),

reference as (
    select * from stg_office_references
),

span as (
    select article_id, leader, 'name' as kind, start_offset, end_offset from name_span
    union all
    select article_id, leader, kind, start_offset, end_offset from reference
),

article as (
    select * from stg_articles
),

clusters as (
    select * from stg_article_clusters
),

located as (
    select
        span.article_id,
        clusters.story_id,
        span.leader,
        span.kind,
        span.start_offset,
        span.end_offset,
        article.body,
        article.published_at,
        article.site,
        article.url
    from span
    inner join article on article.article_id = span.article_id
    left join clusters on clusters.article_id = span.article_id
),

-- Characters before the mention up to and including the last sentence end or line break, and
-- characters after it up to and including the next sentence end (a line break is not kept).
sentence_bounds as (
    select
        *,
        length(regexp_extract(
            substring(body, 1, start_offset), '(?s)^.*[.!?。！？\r\n]'
        )) as sentence_start,
        end_offset + length(regexp_extract(
            substring(body, end_offset + 1), '^[^.!?。！？\r\n]*[.!?。！？]?'
        )) as sentence_end
    from located
),

windowed as (
    select
        *,
        greatest(sentence_start, start_offset - 150) as context_start,
        least(sentence_end, end_offset + 150) as context_end
    from sentence_bounds
),

final as (
    select
        article_id,
        story_id,
        leader,
        kind,
        start_offset,
        end_offset,
        substring(body, start_offset + 1, end_offset - start_offset) as matched_text,
        trim(
            substring(body, context_start + 1, context_end - context_start),
            ' ' || chr(9) || chr(10) || chr(13)
        ) as context,
        published_at,
        site,
        url
    from windowed
)

select * from final
