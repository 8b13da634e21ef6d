-- set_in_office: every stored mention's in_office again, after the stored terms changed.
update mentions
set in_office = held_office(mentions.leader, articles.published_at)
from articles
where articles.article_id = mentions.article_id;
