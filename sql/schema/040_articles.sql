-- articles: one row per distinct article. Times are UTC; published_at is null when the
-- page gives no findable date, and date_source says where a date came from
-- ('dump' field, page 'metadata', or the 'page' text).
create table if not exists articles (
    article_id bigint primary key,
    url varchar,
    canonical_url varchar,
    site varchar,
    site_name varchar,
    title varchar,
    author varchar,
    published_at timestamptz,
    date_source varchar,
    language varchar,
    body varchar not null,
    body_hash varchar not null,
    fetched_at timestamptz,
    file_id varchar not null,
    position bigint not null,
    run_id varchar not null,
    ingested_at timestamptz not null
);

-- Where the body came from: 'html' or 'text' (Kabar's extractors), or the shape of an
-- already-extracted record stored as given ('news-please', 'trafilatura', 'datatrove',
-- 'schema.org', 'fields'). Stores made before gain the column here; their rows keep null.
alter table articles add column if not exists extracted_by varchar;
