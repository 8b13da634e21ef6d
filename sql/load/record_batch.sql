-- The timings of one loaded batch; a batch retried after an I/O error keeps its last timing.
insert or replace into run_batches
values ($run_id, $batch, $records, $read_seconds, $extract_seconds, $load_seconds, $finished_at);
