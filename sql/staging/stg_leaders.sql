-- stg_leaders: one row per leader of the current leader list (key: leader), with the country
-- they lead.
create or replace view stg_leaders as

with source as (
    select * from leaders
),

final as (
    select
        leader,
        country
    from source
)

select * from final
