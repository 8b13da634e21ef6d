-- stg_office_references: one row per counted reference to a leader by office (key: article_id,
-- start_offset): the office a span names ("the Russian president", "der Bundeskanzler", "the
-- Kremlin") resolved to the person who held it on the article's UTC day, by the stored terms.
-- A country's office resolves to its holder that day (on the day one holder hands over to the
-- next, the new one); a bare title ("the president") to the one leader the article names who
-- held an office of that title that day (preferring those of the country the article is about:
-- the one whose leaders it names at least twice as often as any other's, or more often where
-- the article's language is that country's press's: press_countries, and then that country's
-- holder even where the article names other holders and not them), or where it names
-- none, to the holder of that office in the country the article is about, or to the one holder
-- in the countries whose leaders it names; a bare title as the press of the article's country
-- uses it in the article's language (local_titles); `the Queen` only to a queen in her own
-- right (regnant_queens). An undated article
-- has only its context: a reference there counts for the one leader the article names who has
-- ever held that office. A span that could name several people counts for the one the article
-- names at least twice as often as any of the others, or for a bare title, the one of them its
-- sentence names before it; otherwise, or naming nobody, it is not counted.
-- kind is 'office', or 'metonym' for a place or body that stands for the office ("the
-- Kremlin", "Downing Street"), which analysts may leave out.
create or replace view stg_office_references as

with reference as (
    select * from office_references
),

article as (
    select
        article_id,
        language,
        cast(timezone('UTC', published_at) as date) as published_day
    from articles
),

press as (
    select * from press_countries
),

local_title as (
    select * from local_titles
),

term as (
    select * from leader_terms
),

-- A term whose last day is its successor's first leaves that day to the successor ("the prime
-- minister" on the day a new one takes office).
handover as (
    select
        term.*,
        exists (
            select 1
            from leader_terms as successor
            where successor.office = term.office
                and successor.start_date = term.end_date
                and successor.leader <> term.leader
        ) as handed_over
    from term
),

named as (
    select article_id, leader, mention_count from mentions
),

name_span as (
    select * from mention_spans
),

body as (
    select article_id, body from articles
),

dated as (
    select
        reference.*,
        article.language,
        article.published_day
    from reference
    inner join article on article.article_id = reference.article_id
),

-- Each term under every title its holder answers to that day: the office's own title,
-- head_of_state for a head of state, head_of_government for a head of government, and queen
-- for a monarch who is a queen in her own right.
held as (
    select leader, country, start_date, end_date, handed_over, title
    from handover
    where title is not null
    union all
    select leader, country, start_date, end_date, handed_over, 'head_of_state' as title
    from handover
    where role like 'head_of_state%'
    union all
    select leader, country, start_date, end_date, handed_over, 'head_of_government' as title
    from handover
    where role like '%government'
    union all
    -- a king who succeeds a queen is no queen: her last day stays hers
    select leader, country, start_date, end_date, false as handed_over, 'queen' as title
    from handover
    where title = 'monarch' and leader in (select leader from regnant_queens)
),

-- The countries whose offices each leader an article with references names has held.
led as (
    select distinct
        named.article_id,
        named.leader,
        named.mention_count,
        term.country
    from named
    inner join term on term.leader = named.leader
    where named.article_id in (select article_id from reference)
),

led_country as (
    select distinct article_id, country from led
),

country_weight as (
    select article_id, country, sum(mention_count) as weight, list(leader) as through
    from led
    group by article_id, country
),

-- A country named only through leaders who also lead a country named more often is that one's
-- (Andorra's co-prince is France's president; Jamaica's king is Britain's).
kept_country as (
    select *
    from country_weight
    where not exists (
        select 1
        from country_weight as other
        where other.article_id = country_weight.article_id
            and other.weight > country_weight.weight
            and list_has_all(other.through, country_weight.through)
    )
),

article_country as (
    select
        article_id,
        arg_max(country, weight) as country,
        list_sort(list(weight), 'DESC') as weights
    from kept_country
    group by article_id
),

-- The country an article is about: the one whose leaders it names at least twice as often as
-- any other country's, or more often than any other's where the article's press writes from
-- there (a Portuguese article naming Lula four times and Biden three is about Brazil).
about as (
    select
        article_country.article_id,
        article_country.country,
        press.country is not null as in_press
    from article_country
    inner join article on article.article_id = article_country.article_id
    left join press
        on press.language = article.language and press.country = article_country.country
    where len(weights) = 1
        or weights[1] >= 2 * weights[2]
        or (weights[1] > weights[2] and press.country is not null)
),

-- A bare title names the office the press of the country the article is about gives it in the
-- article's language (`el presidente` in Spanish news about Spain: the head of government).
placed as (
    select dated.* replace (coalesce(local_title.means, dated.title) as title)
    from dated
    left join about on about.article_id = dated.article_id
    left join local_title
        on dated.country is null
        and local_title.language = dated.language
        and local_title.country = about.country
        and local_title.title = dated.title
),

-- A country's office names its holder that day; a bare title, a holder the article names, the
-- holder in the country the article is about, or one in a country whose leaders it names.
-- Undated, either names only a leader the article names, by any term of theirs.
offered as (
    select
        placed.article_id,
        placed.start_offset,
        placed.end_offset,
        placed.kind,
        placed.country is null as bare,
        held.leader,
        named.leader is not null as is_named,
        coalesce(held.country = about.country, false) as is_home,
        led_country.country is not null as is_led,
        coalesce(about.in_press, false) and placed.published_day is not null as in_press
    from placed
    inner join held
        on held.title = placed.title
        and (
            placed.published_day is null
            or holds_on(held.start_date, held.end_date, held.handed_over, placed.published_day)
        )
    left join named on named.article_id = placed.article_id and named.leader = held.leader
    left join about on about.article_id = placed.article_id
    left join led_country
        on led_country.article_id = placed.article_id and led_country.country = held.country
    where (
        placed.country is not null
        and held.country = placed.country
        and (placed.published_day is not null or named.leader is not null)
    )
    or (
        placed.country is null
        and (
            named.leader is not null
            or (placed.published_day is not null and led_country.country is not null)
        )
    )
),

-- A phrase several countries use names the holder in the article's country, else in one whose
-- leaders it names (`Bundespräsident`). A bare title names the leaders named who hold such an
-- office, those of the article's country first; where it names none, the article's country's
-- holder ("el Rey" in an article about Sánchez), else the one holder among the countries whose
-- leaders it names ("the King" beside Canada's and Britain's prime ministers). In a dated
-- article in the language of its country's press, a bare title names that country's holder,
-- named or not ("il capo dello Stato" in Italian news about Meloni that names Trump).
offered_span as (
    select
        article_id,
        start_offset,
        end_offset,
        bool_or(is_named) as any_named,
        bool_or(is_named and is_home) as any_named_home,
        bool_or(is_home) as any_home,
        bool_or(is_led) as any_led,
        bool_or(bare and is_home and in_press) as home_press
    from offered
    group by all
),

candidate as (
    select
        offered.article_id,
        offered.start_offset,
        offered.end_offset,
        offered.kind,
        offered.bare,
        offered.leader
    from offered
    inner join offered_span using (article_id, start_offset, end_offset)
    where (
        not offered.bare
        and (
            offered.is_home
            or (not offered_span.any_home and (offered.is_led or not offered_span.any_led))
        )
    )
        or (offered_span.home_press and offered.is_home)
        or (
            not offered_span.home_press
            and (
                (offered_span.any_named_home and offered.is_named and offered.is_home)
                or (
                    offered_span.any_named
                    and not offered_span.any_named_home
                    and offered.is_named
                )
                or (not offered_span.any_named and offered_span.any_home and offered.is_home)
                or (not offered_span.any_named and not offered_span.any_home)
            )
        )
),

-- Each person a span may name, once, with how often the article names them.
person as (
    select
        candidate.article_id,
        candidate.start_offset,
        candidate.end_offset,
        candidate.leader,
        bool_or(candidate.kind = 'office') as any_office,
        bool_or(candidate.bare) as bare,
        coalesce(max(named.mention_count), 0) as times_named
    from candidate
    left join named
        on named.article_id = candidate.article_id and named.leader = candidate.leader
    group by all
),

-- Whether the span's own sentence names the person before it: no sentence end (. ! ? 。 ！ ？
-- or a line break, as mention_contexts has it) between one of their mentions and the span.
person_in_sentence as (
    select
        person.*,
        exists (
            select 1
            from name_span
            inner join body on body.article_id = name_span.article_id
            where name_span.article_id = person.article_id
                and name_span.leader = person.leader
                and name_span.end_offset <= person.start_offset
                and not regexp_matches(
                    substring(
                        body.body,
                        name_span.end_offset + 1,
                        person.start_offset - name_span.end_offset
                    ),
                    '[.!?。！？\r\n]'
                )
        ) as in_sentence
    from person
),

span as (
    select
        article_id,
        start_offset,
        end_offset,
        count(*) as people,
        arg_max(leader, times_named) as most_named,
        list_sort(list(times_named), 'DESC') as times,
        bool_or(any_office) as any_office,
        bool_or(bare) as bare,
        count(*) filter (where in_sentence) as named_in_sentence,
        any_value(leader) filter (where in_sentence) as sentence_named
    from person_in_sentence
    group by article_id, start_offset, end_offset
),

-- The only person a span can name, or the one the article names at least twice as often as
-- any other it could name (an article about Obama that recalls George H. W. Bush); else, for
-- a bare title, the one of them its own sentence names before it ("Olaf Scholz thanked Joe
-- Biden, and the president said").
final as (
    select
        article_id,
        case
            when people = 1 or times[1] >= 2 * greatest(times[2], 1) then most_named
            else sentence_named
        end as leader,
        case when any_office then 'office' else 'metonym' end as kind,
        start_offset,
        end_offset
    from span
    where people = 1
        or times[1] >= 2 * greatest(times[2], 1)
        or (bare and named_in_sentence = 1)
)

select * from final
