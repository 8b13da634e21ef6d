-- Load mention counts and mention positions for the batch's articles from the registered
-- frames batch_mentions and batch_spans, and the office references still to resolve from
-- batch_references; in_office from the articles just inserted.
insert into mentions by name
select
    batch_mentions.*,
    held_office(batch_mentions.leader, articles.published_at) as in_office
from batch_mentions
left join articles on articles.article_id = batch_mentions.article_id;
insert into mention_spans by name select * from batch_spans;
insert into office_references by name select * from batch_references;
