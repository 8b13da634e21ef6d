-- Benchmark only: $size stored articles, each its own story, with random signatures and band
-- keys ($bands per article), distinct URLs and bodies, spread over 500 sites and two years.
insert into articles by name
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
    'en' as language,
    'Stored body number ' || i || '.' as body,
    md5(cast(i as varchar)) as body_hash,
    null as fetched_at,
    'synthetic' as file_id,
    i as position,
    'bench' as run_id,
    now() as ingested_at
from range($size) as t(i);

insert into article_signatures
select i, list_transform(range(128), lambda x: cast(hash(i * 131 + x) % 4294967295 as uinteger)), []
from range($size) as t(i);

-- $bands band keys plus the canonical-URL and body-fingerprint keys of each article.
insert into article_bands
select cast(hash(i * 17 + b) >> 1 as bigint), i
from range($size) as t(i), range($bands + 2) as bands(b);

insert into article_clusters
select i, i from range($size) as t(i);
