-- stored_terms: the stored registry terms, one row per term (key: office, leader, start_date),
-- in the registry's order: office, then start.
with term as (
    select * from leader_terms
),

final as (
    select
        office,
        country,
        role,
        leader,
        start_date,
        end_date,
        dates,
        coalesce(note, '') as note
    from term
)

select * from final
order by office, start_date, leader
