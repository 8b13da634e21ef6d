-- Replace all mention counts with the registered frame recounted_mentions.
delete from mentions;
insert into mentions by name select * from recounted_mentions;
