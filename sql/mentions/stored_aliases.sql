-- stored_aliases: the stored leader list in the leader file's shape, one row per alias
-- (key: leader, alias), in the file's order: leader, then kind (name, ambiguous, exclude), alias.
-- Every alias column is read, so a store made before aliases had a language still lists.
with leaders as (
    select * from leaders
),

aliases as (
    select * from leader_aliases
),

final as (
    select
        leaders.country,
        aliases.*
    from leaders
    inner join aliases on aliases.leader = leaders.leader
)

select * from final
order by
    leader,
    case kind when 'name' then 0 when 'ambiguous' then 1 else 2 end,
    alias
