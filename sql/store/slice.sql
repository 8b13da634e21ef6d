-- Slice the stories a session's models see: $language (an ISO 639-1 code) and
-- $source_country (an ISO 3166-1 alpha-2 code), each null for all (see marts/stories.sql).
set variable kabar_language = $language;
set variable kabar_source_country = $source_country;
