"""The Parquet lake: the store's tables as Parquet files, one set per partition of documents
(written by the Dask engine, `dyadwatch.engines.dask`), named after the partition's content:

    LAKE/documents/part-<id>.parquet     LAKE/sentences/...   LAKE/actors/...   LAKE/quotes/...
    LAKE/events/event_month=2021-04/part-<id>.parquet

A file is written under a temporary name and renamed, so a task re-run after a worker dies
rewrites the same files and every article ends with its rows exactly once. `connect_views`
opens the lake as an in-memory DuckDB whose tables are views over the files; `Store.open(lake=...)`
is how the rest of the package reads it.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from dyadwatch.storage.schema import SCHEMA, Rows, arrow_schema, columns_sql


def _write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)  # atomic: readers never see half a file


def is_lake(lake: str) -> bool:
    return (Path(lake) / "documents").exists()


def partition_done(lake: str, pid: str) -> bool:
    """A partition is complete when its documents file exists (written last)."""
    return (Path(lake) / "documents" / f"part-{pid}.parquet").exists()


def write_partition(lake: str, pid: str, rows: Rows) -> None:
    """One partition's rows as Parquet files, events by month, documents last."""
    root = Path(lake)
    by_month: dict[str, list[dict]] = {}
    for e in rows["events"]:
        month = e["event_day"].strftime("%Y-%m") if e["event_day"] else "unknown"
        by_month.setdefault(month, []).append(e)
    for month, events in by_month.items():
        _write(pa.Table.from_pylist(events, schema=arrow_schema("events")),
               root / "events" / f"event_month={month}" / f"part-{pid}.parquet")
    for table in ("sentences", "actors", "quotes"):
        _write(pa.Table.from_pylist(rows[table], schema=arrow_schema(table)),
               root / table / f"part-{pid}.parquet")
    # documents last: its file marks the partition as complete
    _write(pa.Table.from_pylist(rows["documents"], schema=arrow_schema("documents")),
           root / "documents" / f"part-{pid}.parquet")


def connect_views(lake: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose tables are views over the lake's Parquet files (the caller
    checks that the lake exists)."""
    root = Path(lake)
    con = duckdb.connect()
    for table, cols in SCHEMA.items():
        files = root / table / ("**/*.parquet" if table == "events" else "*.parquet")
        if any(root.joinpath(table).rglob("*.parquet")):
            hive = ", hive_partitioning = true" if table == "events" else ""
            names = ", ".join(f'"{n}"' for n, _ in cols)
            con.execute(f"CREATE VIEW {table} AS SELECT {names} FROM read_parquet('{files}'{hive})")
        else:  # an empty table of the right shape
            con.execute(f"CREATE TABLE {table} ({columns_sql(table)})")
    return con
