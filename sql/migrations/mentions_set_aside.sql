-- Step 1 of dropping mentions's primary key: keep the keyed table under another name; the schema
-- then creates mentions as it is now, and step 2 (mentions_restore.sql) moves the rows over.
alter table mentions rename to mentions_keyed;
