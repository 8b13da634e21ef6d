-- office_references: one row per office a span of an article's body may name ("the Russian
-- president", "der Bundeskanzler", "the Kremlin"), as found in the text: country and title
-- (country null for a bare title such as "the president", which only the leaders the article
-- names can resolve), kind 'office' or 'metonym', and the span's character offsets (0-based,
-- end exclusive). A span that may name two offices has two rows. Spans joined to a name, and
-- those that name someone other than the sitting holder ("former", "vice", "-elect"), are not
-- stored. They are resolved to people, at the article's date, by stg_office_references, so a
-- change of terms needs no recount.
create table if not exists office_references (
    article_id bigint not null,
    country varchar,
    title varchar not null,
    kind varchar not null check (kind in ('office', 'metonym')),
    start_offset integer not null,
    end_offset integer not null
);
