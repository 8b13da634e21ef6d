-- Benchmark only: mentions counted per leader over every stored article, copies included.
select
    leader,
    cast(sum(mention_count) as bigint) as mentions
from mentions
group by leader
order by leader
