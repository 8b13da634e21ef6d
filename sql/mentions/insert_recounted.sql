-- Add one piece of a recount from the registered frames recounted_mentions and recounted_spans.
insert into mentions by name select * from recounted_mentions;
insert into mention_spans by name select * from recounted_spans;
