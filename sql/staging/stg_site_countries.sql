-- stg_site_countries: one row per site on a generic domain with the country it publishes
-- from (key: site), from data/sites.csv; country is an upper-case ISO 3166-1 alpha-2 code.
create or replace view stg_site_countries as

with source as (
    select * from site_countries
),

final as (
    select
        lower(site) as site,
        upper(country) as country
    from source
)

select * from final
