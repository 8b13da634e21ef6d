-- Replace the leader list with the registered frames new_leaders, new_aliases and new_terms.
delete from leader_aliases;
delete from leaders;
delete from leader_terms;
insert into leaders by name select * from new_leaders;
insert into leader_aliases by name select * from new_aliases;
insert into leader_terms by name select * from new_terms;
