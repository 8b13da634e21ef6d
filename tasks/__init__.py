"""Kabar's work: plain, typed functions for each stage of the ingest, with thin Prefect wrappers."""
