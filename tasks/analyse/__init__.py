"""Analysis: the store in, reports, charts and Parquet exports out."""
