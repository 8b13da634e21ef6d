-- Replace the local meanings of bare titles with the registered frame new_local_titles.
delete from local_titles;
insert into local_titles by name select * from new_local_titles;
