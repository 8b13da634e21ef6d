-- duplicates: one row per input record that repeats a stored article (key: file_id, position);
-- method is 'url' (same canonical URL) or 'exact' (same normalised body).
create or replace view duplicates as

with stg_records as (
    select * from stg_records
),

final as (
    select
        file_path,
        position,
        url,
        article_id,
        method,
        run_id,
        file_id
    from stg_records
    where outcome = 'duplicate'
)

select * from final
