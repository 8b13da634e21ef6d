-- planner_settings: the threads DuckDB runs a query on and the optimizer passes switched off,
-- to set them back after a query that runs with its own (tasks/store.py scan).
select
    current_setting('threads') as threads,
    current_setting('disabled_optimizers') as disabled_optimizers
