-- One run's row, as the ingest reports it.
select * from runs where run_id = $run_id
