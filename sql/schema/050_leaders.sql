-- leaders and their aliases, copied from the leader list at each ingest.
create table if not exists leaders (
    leader varchar primary key,
    country varchar not null
);

create table if not exists leader_aliases (
    leader varchar not null,
    alias varchar not null,
    kind varchar not null check (kind in ('name', 'ambiguous', 'exclude')),
    primary key (leader, alias)
);
