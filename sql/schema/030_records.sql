-- records: the ledger. One row per input record, keyed by where it was read, saying where
-- it ended: a new article, a duplicate of a stored article, or a reject with a reason.
-- The primary key makes "exactly once" a property of the store, not only of the code.
create table if not exists records (
    file_id varchar not null,
    position bigint not null,
    run_id varchar not null,
    outcome varchar not null check (outcome in ('article', 'duplicate', 'reject')),
    article_id bigint,
    url varchar,
    method varchar,
    reason varchar,
    detail varchar,
    primary key (file_id, position)
);
