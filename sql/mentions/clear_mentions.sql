-- Forget every mention count and position before a recount writes them anew.
delete from mentions;
delete from mention_spans;
