-- Load mention counts and mention positions for the batch's articles from the registered
-- frames batch_mentions and batch_spans.
insert into mentions by name select * from batch_mentions;
insert into mention_spans by name select * from batch_spans;
