-- held_office(person, published_at): whether the person held any office of leader_terms on the
-- UTC day of published_at (a term's first and last days count); null when published_at is null
-- or the person has no terms. The one definition of in_office for every statement that sets it.
create or replace macro held_office(person, published_at) as (
    case
        when published_at is null then null
        when not exists (select 1 from leader_terms where leader_terms.leader = person) then null
        else exists (
            select 1
            from leader_terms
            where leader_terms.leader = person
                and leader_terms.start_date <= cast(timezone('UTC', published_at) as date)
                and (
                    leader_terms.end_date is null
                    or cast(timezone('UTC', published_at) as date) <= leader_terms.end_date
                )
        )
    end
);
