-- export_counts: how many articles and mention rows `kabar export` writes (one row).
select
    (select count(*) from articles) as articles,
    (select count(*) from mentions) as mentions
