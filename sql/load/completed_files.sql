-- Input files already read to the end: a new run skips them.
select file_id from files where records is not null
