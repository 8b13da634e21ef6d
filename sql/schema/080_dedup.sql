-- Near-duplicate fingerprints and story clusters.
--
-- article_signatures: one row per article: its MinHash signature and the numbers its body states.
-- article_bands: the lookup keys of each article (LSH band keys, and keys of its canonical URL
--   and body fingerprint); a new article finds candidates by joining
--   its keys here, so the index lives on disk and persists across runs.
-- article_links: verified matches, both directions (url, exact or near, with similarity).
-- article_clusters: the story each article belongs to; cluster_id is the story's canonical
--   article: the earliest published (undated last), then the smallest article_id.
--
-- One row per article in article_signatures and article_clusters: the loader writes each new
-- article's rows once, in the batch that stores the article (whose id articles' key guards).
-- They have no primary key of their own: DuckDB holds every such index in memory while rows
-- are added, so keys that only restate the loader's guarantee cost the writer memory that
-- grows with the store (sql/migrations/ drops them from stores made with them).
create table if not exists article_signatures (
    article_id bigint not null,
    signature uinteger[] not null,
    numbers varchar[] not null
);

create table if not exists article_bands (
    band_key bigint not null,
    article_id bigint not null
);

create table if not exists article_links (
    article_id bigint not null,
    other_id bigint not null,
    method varchar not null check (method in ('url', 'exact', 'near')),
    similarity double not null,
    primary key (article_id, other_id)
);

create table if not exists article_clusters (
    article_id bigint not null,
    cluster_id bigint not null
);
