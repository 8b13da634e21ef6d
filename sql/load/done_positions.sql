-- Positions of a partly ingested file that are already accounted for, to resume after them.
select position from records where file_id = $file_id
