-- stg_office_references: one row per counted reference to a leader by office (key: article_id,
-- start_offset): the office a span names ("the Russian president", "der Bundeskanzler", "the
-- Kremlin") resolved to the person who held it on the article's UTC day, by the stored terms.
-- A country's office resolves to its holder that day; a bare title ("the president") to the
-- one leader the article names who held an office of that title that day. An undated article
-- has only its context: a reference there counts for the one leader the article names who has
-- ever held that office. A span that could name several people counts for the one the article
-- names at least twice as often as any of the others; otherwise, or naming nobody, it is not
-- counted.
-- kind is 'office', or 'metonym' for a place or body that stands for the office ("the
-- Kremlin", "Downing Street"), which analysts may leave out.
create or replace view stg_office_references as

with reference as (
    select * from office_references
),

article as (
    select
        article_id,
        cast(timezone('UTC', published_at) as date) as published_day
    from articles
),

term as (
    select * from leader_terms
),

named as (
    select article_id, leader, mention_count from mentions
),

placed as (
    select
        reference.*,
        article.published_day
    from reference
    inner join article on article.article_id = reference.article_id
),

-- Each term under every title its holder answers to that day: the office's own title, and
-- head_of_state for a head of state.
held as (
    select leader, country, start_date, end_date, title from term where title is not null
    union all
    select leader, country, start_date, end_date, 'head_of_state' as title
    from term
    where role like 'head_of_state%'
),

-- A country's office names its holder that day; a bare title, a holder the article names.
-- Undated, either names only a leader the article names, by any term of theirs.
candidate as (
    select
        placed.article_id,
        placed.start_offset,
        placed.end_offset,
        placed.kind,
        held.leader
    from placed
    inner join held
        on held.title = placed.title
        and (
            placed.published_day is null
            or (
                held.start_date <= placed.published_day
                and (held.end_date is null or placed.published_day <= held.end_date)
            )
        )
    left join named on named.article_id = placed.article_id and named.leader = held.leader
    where (
        placed.country is not null
        and held.country = placed.country
        and (placed.published_day is not null or named.leader is not null)
    )
    or (placed.country is null and named.leader is not null)
),

-- Each person a span may name, once, with how often the article names them.
person as (
    select
        candidate.article_id,
        candidate.start_offset,
        candidate.end_offset,
        candidate.leader,
        bool_or(candidate.kind = 'office') as any_office,
        coalesce(max(named.mention_count), 0) as times_named
    from candidate
    left join named
        on named.article_id = candidate.article_id and named.leader = candidate.leader
    group by all
),

span as (
    select
        article_id,
        start_offset,
        end_offset,
        count(*) as people,
        arg_max(leader, times_named) as most_named,
        list_sort(list(times_named), 'DESC') as times,
        bool_or(any_office) as any_office
    from person
    group by article_id, start_offset, end_offset
),

-- The only person a span can name, or the one the article names at least twice as often as
-- any other it could name (an article about Obama that recalls George H. W. Bush).
final as (
    select
        article_id,
        most_named as leader,
        case when any_office then 'office' else 'metonym' end as kind,
        start_offset,
        end_offset
    from span
    where people = 1 or times[1] >= 2 * greatest(times[2], 1)
)

select * from final
