-- files: one row per distinct input file content (file_id is the SHA-256 of its bytes).
-- records is set when the whole file has been read; until then the file is resumable.
create table if not exists files (
    file_id varchar primary key,
    path varchar not null,
    format varchar not null,
    size_bytes bigint not null,
    records bigint,
    first_run_id varchar not null,
    completed_run_id varchar
);
