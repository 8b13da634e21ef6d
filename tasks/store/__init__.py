"""The DuckDB store: a batch of outcomes in, committed rows out; also the store's leader list
and the recount of its mentions."""
