-- Input files a run began but did not read to the end (it failed, was stopped, or was cut
-- short by a record limit): the only files whose records may already be in the ledger.
select file_id from files where records is null
