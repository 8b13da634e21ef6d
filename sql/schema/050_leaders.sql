-- leaders and their aliases, copied from the leader list at each ingest.
create table if not exists leaders (
    leader varchar primary key,
    country varchar not null
);

create table if not exists leader_aliases (
    leader varchar not null,
    alias varchar not null,
    kind varchar not null check (kind in ('name', 'ambiguous', 'exclude')),
    primary key (leader, alias)
);

-- The language of each alias (ISO 639-1, empty for a form of every language); stores made
-- before the registry get the column, empty, on first open.
alter table leader_aliases add column if not exists language varchar;

-- leader_terms: one row per term of a person in an office, copied from the leader registry
-- with the leader list (key: office, leader, start_date). end_date is null while in office;
-- a term covers start_date to end_date, both days included. dates says whether the days are
-- 'exact' or 'approximate'. Leaders from a flat leader file have no terms.
create table if not exists leader_terms (
    office varchar not null,
    country varchar not null,
    role varchar not null,
    leader varchar not null,
    start_date date not null,
    end_date date,
    dates varchar not null,
    note varchar
);

-- The title each term's office carries (president, prime_minister, chancellor, monarch, emir,
-- supreme_leader, pope; null for others), from the office's English name when the terms are
-- stored: references by office ("the Russian president") resolve through it.
alter table leader_terms add column if not exists title varchar;

-- site_countries: the country sites on generic domains publish from (key: site), copied from
-- data/sites.csv at each ingest and leader change. country is an ISO 3166-1 alpha-2 code.
create table if not exists site_countries (
    site varchar not null,
    country varchar not null
);

-- press_countries: the countries whose press writes in a language (key: language, country),
-- copied from data/offices/press.csv at each ingest and leader change; country as the
-- registry names it. stg_office_references reads it to tell the country an article is about.
create table if not exists press_countries (
    language varchar not null,
    country varchar not null
);

-- local_titles: what a bare title means in a language's press about one country, where it is
-- another office than the title says (key: language, country, title): Spanish news of Spain
-- writes `el presidente` for the presidente del Gobierno, the head of government. Copied from
-- data/offices/local.csv with press_countries; stg_office_references reads it.
create table if not exists local_titles (
    language varchar not null,
    country varchar not null,
    title varchar not null,
    means varchar not null
);

-- regnant_queens: the monarchs who are queens in their own right (key: leader), whom `the
-- Queen` names (never a king, whose queen is his consort). Copied from data/offices/queens.csv
-- with press_countries; stg_office_references reads it.
create table if not exists regnant_queens (
    leader varchar not null
);
