-- stg_mention_spans: one row per counted mention of a leader in an article's body (key:
-- article_id, leader, start_offset). Offsets count characters (Unicode code points) from 0;
-- end_offset is exclusive, so the mention is body[start_offset:end_offset] in Python.
create or replace view stg_mention_spans as

with source as (
    select * from mention_spans
),

final as (
    select
        article_id,
        leader,
        start_offset,
        end_offset
    from source
)

select * from final
