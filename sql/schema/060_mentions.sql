-- mentions: how many times each article's body names each leader (rows only where > 0).
create table if not exists mentions (
    article_id bigint not null,
    leader varchar not null,
    mention_count integer not null check (mention_count > 0),
    primary key (article_id, leader)
);

-- mention_spans: where each counted mention stands in its article's body (character offsets,
-- 0-based start, end exclusive), so analysts can read the sentence that was counted.
create table if not exists mention_spans (
    article_id bigint not null,
    leader varchar not null,
    start_offset integer not null,
    end_offset integer not null
);
