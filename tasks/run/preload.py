"""Imported by the fork server that extraction workers are forked from (`pool.worker_context`):
it loads and warms what every worker needs once, and the workers share it."""

import gc
import logging

from tasks.run.pool import warm_shared

try:
    warm_shared()
except Exception:  # each worker then warms up alone, and meets the error where it can report it
    logging.getLogger(__name__).debug("extractors not warmed in the fork server", exc_info=True)
# What is loaded now lives as long as the workers: kept out of the collector's reach, it is not
# written to by its passes, and the forked workers' copies of its memory stay shared.
gc.freeze()
