-- Every connection prints timestamps in UTC, and tells the models which zone their weeks and
-- days are cut in ($KABAR_TZ through Kabar; in another client: set variable kabar_tz = '...').
set TimeZone = 'UTC';
set variable kabar_tz = $time_zone;
