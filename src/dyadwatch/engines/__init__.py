"""Engines that run the pipeline over many documents into a store: `local` (worker processes
into a DuckDB file) and `dask` (a Dask cluster into a Parquet lake); `common` holds what both
share."""
