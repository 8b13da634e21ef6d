-- resolve: the canonical leaders each asked name stands for (one row per asked name and
-- leader). A name matches a leader's canonical name or any of its aliases that counts for
-- them (kind name or ambiguous, not exclude), in any case. $names: the names asked for.
with asked as (
    select unnest($names) as name
),

leaders as (
    select * from leaders
),

aliases as (
    select * from leader_aliases
),

matches as (
    select asked.name, leaders.leader
    from asked
    inner join leaders on lower(leaders.leader) = lower(asked.name)
    union
    select asked.name, aliases.leader
    from asked
    inner join aliases on lower(aliases.alias) = lower(asked.name)
    where aliases.kind <> 'exclude'
),

final as (
    select name, leader from matches
)

select * from final
order by name, leader
