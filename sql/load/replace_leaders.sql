-- Replace the leader list with the registered frames new_leaders and new_aliases.
delete from leader_aliases;
delete from leaders;
insert into leaders by name select * from new_leaders;
insert into leader_aliases by name select * from new_aliases;
