-- Add one piece of a recount from the registered frames recounted_mentions, recounted_spans and
-- recounted_references,
-- with in_office from the stored terms.
insert into mentions by name
select
    recounted_mentions.*,
    held_office(recounted_mentions.leader, articles.published_at) as in_office
from recounted_mentions
left join articles on articles.article_id = recounted_mentions.article_id;
insert into mention_spans by name select * from recounted_spans;
insert into office_references by name select * from recounted_references;
