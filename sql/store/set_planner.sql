-- Run queries on $threads threads, with the optimizer passes named in $disabled_optimizers
-- switched off. The copy lookup runs on one thread with join reordering off: see
-- sql/load/stored_candidates.sql.
set threads = $threads;
set disabled_optimizers = $disabled_optimizers;
