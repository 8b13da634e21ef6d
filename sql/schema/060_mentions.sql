-- mentions: how many times each article's body names each leader (rows only where > 0), one
-- row per article and leader: the loader counts each new article once, and a recount replaces
-- every row. No primary key, for the reason article_signatures has none (080_dedup.sql).
create table if not exists mentions (
    article_id bigint not null,
    leader varchar not null,
    mention_count integer not null check (mention_count > 0)
);

-- mention_spans: where each counted mention stands in its article's body (character offsets,
-- 0-based start, end exclusive), so analysts can read the sentence that was counted.
create table if not exists mention_spans (
    article_id bigint not null,
    leader varchar not null,
    start_offset integer not null,
    end_offset integer not null
);
