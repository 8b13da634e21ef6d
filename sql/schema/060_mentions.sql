-- mentions: how many times each article's body names each leader (rows only where > 0), one
-- row per article and leader: the loader counts each new article once, and a recount replaces
-- every row. No primary key, for the reason article_signatures has none (080_dedup.sql).
-- in_office: whether the leader held any office of the registry (leader_terms) on the article's
-- publication day in UTC, a term's first and last days included; null for an undated article and
-- for a leader without terms. Set when mentions are loaded or recounted, and again whenever the
-- stored terms change (mentions/set_in_office.sql), so the marts read it for free.
create table if not exists mentions (
    article_id bigint not null,
    leader varchar not null,
    mention_count integer not null check (mention_count > 0),
    in_office boolean
);

-- Stores made before terms in office get the column on first open, filled when their terms are
-- stored.
alter table mentions add column if not exists in_office boolean;

-- mention_spans: where each counted mention stands in its article's body (character offsets,
-- 0-based start, end exclusive), so analysts can read the sentence that was counted.
create table if not exists mention_spans (
    article_id bigint not null,
    leader varchar not null,
    start_offset integer not null,
    end_offset integer not null
);
