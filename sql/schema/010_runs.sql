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

-- Figures added after the first release; stores made before gain them here.
alter table runs add column if not exists duplicates_by_method map(varchar, bigint);
alter table runs add column if not exists rejects_by_reason map(varchar, bigint);
alter table runs add column if not exists records_per_second double;
alter table runs add column if not exists top_leaders struct(leader varchar, mentions bigint)[];
-- The files that gave the run most rejects, with their reasons: a few bad files often give
-- most of a run's rejects.
alter table runs add column if not exists top_reject_files
    struct(path varchar, rejects bigint, rejects_by_reason map(varchar, bigint))[];
