-- Kabar's own connections reach no file but their database, and the folders named in
-- $directories (an export's target): no statement, whatever values it is given, can read,
-- write or fetch anything else, or load an extension. Set last: it cannot be undone.
set allowed_directories = $directories;
set enable_external_access = false;
