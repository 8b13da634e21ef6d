-- Replace all mention counts and positions with the registered frames recounted_mentions and
-- recounted_spans.
delete from mentions;
delete from mention_spans;
insert into mentions by name select * from recounted_mentions;
insert into mention_spans by name select * from recounted_spans;
