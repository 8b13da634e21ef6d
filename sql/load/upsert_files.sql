-- Register input files and mark those read to the end, from the registered frame batch_files.
-- A file's first path and first run are kept; records and completed_run_id are set once.
insert into files by name
select * from batch_files
on conflict (file_id) do update set
    records = coalesce(files.records, excluded.records),
    completed_run_id = coalesce(files.completed_run_id, excluded.completed_run_id)
