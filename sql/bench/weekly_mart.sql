-- Benchmark only: the whole weekly mart, every leader and week.
select * from mentions_per_leader_per_week
