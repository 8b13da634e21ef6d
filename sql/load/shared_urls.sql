-- shared_urls: which URLs of the registered frame batch_urls(url) already key unrelated
-- stories in the store (a 'url_conflict' is recorded on them): they key no story any more.
with batch_urls as (
    select * from batch_urls
),

conflicted as (
    select distinct url
    from url_refusals
    where reason = 'url_conflict'
),

final as (
    select batch_urls.url
    from batch_urls
    inner join conflicted on conflicted.url = batch_urls.url
)

select * from final
