-- mentions: how many times each article's body names each leader (rows only where > 0).
create table if not exists mentions (
    article_id bigint not null,
    leader varchar not null,
    mention_count integer not null check (mention_count > 0),
    primary key (article_id, leader)
);
