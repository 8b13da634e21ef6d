-- Write the run's changes into the database file itself, so readers never need the WAL.
checkpoint
