-- Every connection works in UTC, so timestamps print and truncate the same everywhere.
set TimeZone = 'UTC';
