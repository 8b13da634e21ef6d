-- Forget every mention count and position, and every office reference, before a recount
-- writes them anew.
delete from mentions;
delete from mention_spans;
delete from office_references;
