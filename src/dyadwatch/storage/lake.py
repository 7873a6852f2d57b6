"""The Parquet lake: the store's tables as Parquet files, one set per partition of documents
(written by the Dask engine, `dyadwatch.engines.dask`), named after the partition's content:

    LAKE/documents/part-<id>.parquet     LAKE/sentences/...   LAKE/actors/...   LAKE/quotes/...
    LAKE/events/event_month=2021-04/part-<id>.parquet

A partition's id is a hash of its documents' keys (not of the run that cut it). A file is
written under a temporary name and renamed, documents last, so a task re-run after a worker
dies rewrites the same files. Reading never doubles a document: `connect_views` opens the lake
as an in-memory DuckDB whose tables are views over the files in which each document's rows
come from one complete partition only (the first by id that holds its `documents` row), so
partitions that overlap (a lake written by an older version, two runs at once) or that were
left half-written count each document once. `compact` rewrites a lake with each document
once. `Store.open(lake=...)` is how the rest of the package reads it; files written by an
older schema are read by column name, their missing columns as NULL.
"""
from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from dyadwatch.storage.schema import (
    SCHEMA,
    Rows,
    arrow_schema,
    columns_sql,
    select_list,
)


def _write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)  # atomic: readers never see half a file


def is_lake(lake: str) -> bool:
    return (Path(lake) / "documents").exists()


def partition_id(keys: Iterable[str]) -> str:
    """A partition's id: a hash of its documents' keys, in any order."""
    return hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:24]


def lake_keys(lake: str) -> set[str]:
    """The keys of the documents in the lake's complete partitions."""
    keys: set[str] = set()
    for f in _files(Path(lake), "documents"):
        keys.update(pq.read_table(f, columns=["doc_key"]).column("doc_key").to_pylist())
    return keys


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
    for month, events in sorted(by_month.items()):
        _write(pa.Table.from_pylist(events, schema=arrow_schema("events")),
               root / "events" / f"event_month={month}" / f"part-{pid}.parquet")
    for table in ("sentences", "actors", "quotes"):
        _write(pa.Table.from_pylist(rows[table], schema=arrow_schema(table)),
               root / table / f"part-{pid}.parquet")
    # documents last: its file marks the partition as complete
    _write(pa.Table.from_pylist(rows["documents"], schema=arrow_schema("documents")),
           root / "documents" / f"part-{pid}.parquet")


def _files(root: Path, table: str) -> list[Path]:
    folder = root / table
    return sorted(folder.rglob("part-*.parquet")) if folder.exists() else []


def _sql_list(files: list[Path]) -> str:
    return "[" + ", ".join("'" + str(f).replace("'", "''") + "'" for f in files) + "]"


_PID = r"regexp_extract(filename, 'part-([0-9a-f]+)\.parquet$', 1)"


def connect_views(lake: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose tables are views over the lake's Parquet files, each document
    once (the caller checks that the lake exists). Files are named one by one, so no quote or
    glob character in the path changes the SQL."""
    root = Path(lake)
    con = duckdb.connect()
    documents = _files(root, "documents")
    if documents:  # each document's owner: the first complete partition holding it
        # a plain table (not TEMP): the cursors the web opens per request must see it
        con.execute(f"""CREATE TABLE _owner AS
            SELECT doc_key, min({_PID}) AS pid
            FROM read_parquet({_sql_list(documents)}, filename = true) GROUP BY doc_key""")
    for table in SCHEMA:
        files = _files(root, table)
        if files and documents:
            # files written by an older schema lack its newer columns: read by name, as NULL
            parquet = f"read_parquet({_sql_list(files)}, filename = true, union_by_name = true)"
            present = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {parquet}").fetchall()}
            con.execute(f"""CREATE VIEW {table} AS SELECT {select_list(table, present, "t")}
                FROM {parquet} t
                JOIN _owner o ON t.doc_key = o.doc_key AND {_PID.replace('filename', 't.filename')} = o.pid""")
        else:  # an empty table of the right shape
            con.execute(f"CREATE TABLE {table} ({columns_sql(table)})")
    return con


def compact(lake: str) -> dict[str, int]:
    """Rewrite the lake with each document once (one partition per table, events by month)
    and remove the files it replaces; returns the rows kept per table. Safe to interrupt:
    until the old files are gone, reading still counts each document once."""
    root = Path(lake)
    old = {t: _files(root, t) for t in SCHEMA}
    con = connect_views(lake)
    keys = [k for (k,) in con.execute("SELECT doc_key FROM documents").fetchall()]
    pid = partition_id(keys)
    kept, written = {}, set()
    month = "coalesce(strftime(event_day, '%Y-%m'), 'unknown')"
    for table in ("events", "sentences", "actors", "quotes", "documents"):  # documents last
        parts = ([(m, f"WHERE {month} = '{m}'") for (m,) in
                  con.execute(f"SELECT DISTINCT {month} FROM events").fetchall()]
                 if table == "events" else [(None, "")])
        kept[table] = 0
        for m, where in parts:
            arrow = con.sql(f"SELECT * FROM {table} {where}").to_arrow_table().cast(arrow_schema(table))
            path = root / table / (f"event_month={m}" if m else "") / f"part-{pid}.parquet"
            if keys:
                _write(arrow, path)
                written.add(path.resolve())
            kept[table] += arrow.num_rows
    con.close()
    for table in ("events", "sentences", "actors", "quotes", "documents"):
        for f in old[table]:
            if f.resolve() not in written:
                f.unlink()
    return kept
