-- Benchmark only: a store of $articles articles and $mentions mentions for timing the marts.
-- Articles are spread evenly over $weeks weeks from Monday 2024-01-01 on 300 sites, in stories
-- of one or three copies: in each run of five ids, 5k and 5k+4 stand alone and 5k+1 has the
-- copies 5k+2 and 5k+3 (published later, so 5k+1 is the canonical one). Ids ending in 99 are
-- undated stories. Mentions are spread evenly over the articles, each row naming another leader
-- of the stored list; the leaders first in name order are named most often.
insert into articles by name
select
    i as article_id,
    'https://s' || (i % 300) || '.example/news/' || i as url,
    'https://s' || (i % 300) || '.example/news/' || i as canonical_url,
    's' || (i % 300) || '.example' as site,
    null as site_name,
    'Synthetic story ' || i as title,
    null as author,
    case
        when i % 100 = 99 then null
        else timestamptz '2024-01-01 00:00:00+00' + to_seconds(i * ($weeks * 604800.0 / $articles))
    end as published_at,
    'metadata' as date_source,
    list_element(['en', 'id', 'ru', 'es', 'zh'], cast(i % 5 + 1 as integer)) as language,
    'Synthetic body of story ' || i || '.' as body,
    md5(cast(i as varchar)) as body_hash,
    null as fetched_at,
    'synthetic' as file_id,
    i as position,
    'bench' as run_id,
    timestamptz '2026-01-01 00:00:00+00' as ingested_at
from range($articles) as t(i);

insert into article_clusters
select
    i as article_id,
    case i % 5 when 2 then i - 1 when 3 then i - 2 else i end as cluster_id
from range($articles) as t(i);

-- The k-th mention row of an article names leader (first + 13 k) mod n: 13 and the list's
-- length share no factor, so an article's leaders are distinct while k < n.
insert into mentions (article_id, leader, mention_count)
with leader_list as (
    select leader, row_number() over (order by leader) - 1 as leader_index
    from leaders
),

leader_count as (
    select count(*) as leaders from leaders
),

picks as (
    select
        m % $articles as article_id,
        cast(floor(pow((hash(m % $articles) % 1000000) / 1000000.0, 2) * leader_count.leaders) as bigint)
            + (m // $articles) * 13 as pick,
        leader_count.leaders,
        cast(1 + hash(m) % 6 as integer) as mention_count
    from range($mentions) as t(m), leader_count
)

select
    picks.article_id,
    leader_list.leader,
    picks.mention_count
from picks
inner join leader_list on leader_list.leader_index = picks.pick % picks.leaders;
