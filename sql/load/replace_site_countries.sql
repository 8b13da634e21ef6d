-- Replace the site-to-country table with the registered frame new_site_countries.
delete from site_countries;
insert into site_countries by name select * from new_site_countries;
