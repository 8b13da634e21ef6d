-- Step 2 of dropping mentions's primary key: the rows of the keyed table into the new one.
insert into mentions by name select * from mentions_keyed;
drop table mentions_keyed;
