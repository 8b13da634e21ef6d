-- runs: one row per ingest run, with the counts that must reconcile:
-- records_seen = articles_new + duplicates + rejects.
create table if not exists runs (
    run_id varchar primary key,
    started_at timestamptz not null,
    finished_at timestamptz,
    status varchar not null,
    paths varchar[] not null,
    leaders_version varchar,
    files_seen bigint not null default 0,
    files_skipped bigint not null default 0,
    records_seen bigint not null default 0,
    articles_new bigint not null default 0,
    duplicates bigint not null default 0,
    rejects bigint not null default 0
);
