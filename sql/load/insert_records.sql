-- Record where each input record of the batch ended, from the registered frame batch_records.
insert into records by name
select * from batch_records
