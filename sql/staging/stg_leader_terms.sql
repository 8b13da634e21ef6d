-- stg_leader_terms: one row per term of a person in an office (key: office, leader,
-- start_date), from the leader registry. end_date is null while the person is in office; both
-- end days are inside the term.
create or replace view stg_leader_terms as

with source as (
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
        note
    from source
)

select * from final
