-- Step 2 of dropping article_signatures's primary key: the rows of the keyed table into the new one.
insert into article_signatures by name select * from article_signatures_keyed;
drop table article_signatures_keyed;
