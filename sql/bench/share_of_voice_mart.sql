-- Benchmark only: the whole share-of-voice mart, every leader and week.
select * from leader_share_of_voice_per_week
