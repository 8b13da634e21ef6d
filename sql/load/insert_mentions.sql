-- Load mention counts for the batch's new articles from the registered frame batch_mentions.
insert into mentions by name
select * from batch_mentions
