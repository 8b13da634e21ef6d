-- Replace the press-language table with the registered frame new_press_countries.
delete from press_countries;
insert into press_countries by name select * from new_press_countries;
