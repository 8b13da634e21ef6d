insert or replace into store_state (key, value) values ($key, $value)
