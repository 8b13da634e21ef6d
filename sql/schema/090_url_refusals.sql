-- url_refusals: one row per article and URL that was refused as the key of its story
-- (key: article_id, url). A page's canonical URL (or its own) keys its story only when it names
-- one article. reason says why it did not:
--   'root', 'section', 'tag', 'author', 'search', 'pagination': the path's shape names a front
--     page or a listing (a CMS template writing it into every page's canonical or og:url);
--   'url_conflict': the URL is shared with a stored or batch article whose body is no version of
--     this one (estimated Jaccard below the version floor): other_id is the closest such
--     article, similarity their estimated Jaccard;
--   'shared': the store already holds a 'url_conflict' on the URL, so it keys no story any more.
-- Written by the loader with the article, and by the upgrade of stores made before URLs were
-- refused (tasks/store/upgrade.py).
create table if not exists url_refusals (
    article_id bigint not null,
    url varchar not null,
    reason varchar not null,
    other_id bigint,
    similarity double
);
