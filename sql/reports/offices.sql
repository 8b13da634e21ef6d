-- offices: the office titles of the stored leader registry asked for, in any case (one row per
-- asked title and office). $offices: the titles asked for.
with asked as (
    select unnest($offices) as asked
),

term as (
    select * from leader_terms
),

final as (
    select distinct asked.asked, term.office
    from asked
    inner join term on lower(term.office) = lower(asked.asked)
)

select * from final
order by asked, office
