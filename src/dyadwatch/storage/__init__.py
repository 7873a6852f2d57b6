"""Where events are kept and read: the store (a DuckDB file or a Parquet lake), its schema,
de-duplication, the shared queries and the export formats."""
