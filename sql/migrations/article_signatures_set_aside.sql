-- Step 1 of dropping article_signatures's primary key: keep the keyed table under another name; the schema
-- then creates article_signatures as it is now, and step 2 (article_signatures_restore.sql) moves the rows over.
alter table article_signatures rename to article_signatures_keyed;
