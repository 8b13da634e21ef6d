insert into runs (run_id, started_at, status, paths, leaders_version)
values ($run_id, $started_at, 'running', $paths, $leaders_version)
