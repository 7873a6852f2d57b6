"""The same pipeline on a Dask cluster, results as a Parquet lake.

`ingest_dask` cuts the input into partitions of documents and maps the pipeline over them
with dask.distributed; each worker loads the spaCy pipeline once (a module-level cache) and
writes its partition's rows as Parquet files named after the partition's content:

    LAKE/documents/part-<id>.parquet     LAKE/sentences/...   LAKE/actors/...   LAKE/quotes/...
    LAKE/events/event_month=2021-04/part-<id>.parquet

A file is written under a temporary name and renamed, and a partition's name depends only on
the documents in it: a task re-run after a worker dies rewrites the same files, so every
article ends with its rows exactly once. Partitions already in the lake are not run again.
`lake_connect` opens the lake with DuckDB (views with the store's table names), which
`relations`, `events` and `serve` read with `--lake DIR`; `load_lake` copies it into a store.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import uuid
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from . import store
from .ingest import read_inputs
from .records import Failure

PARTITION_DOCS = 100
TABLES = tuple(store.SCHEMA)


def _partitions(paths, published, size):
    part, seen = [], set()
    for item in read_inputs(paths, published, warn=lambda msg: None):
        key = store.failure_key(item) if isinstance(item, Failure) else store.content_key(item.text)
        if key in seen:
            continue
        seen.add(key)
        part.append((key, item))
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def partition_id(part) -> str:
    return hashlib.sha256("\n".join(k for k, _ in part).encode()).hexdigest()[:24]


def _write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)  # atomic: readers never see half a file


def process_partition(part, lake: str, model: str | None = None) -> dict:
    """Worker side: run the pipeline over one partition and write its Parquet files."""
    from .ingestion import _process, ensure_pipeline

    ensure_pipeline(model)
    pid = partition_id(part)
    root = Path(lake)
    done = root / "documents" / f"part-{pid}.parquet"
    if done.exists():
        return {"partition": pid, "documents": 0, "skipped": True}
    now = dt.datetime.now().replace(microsecond=0)
    rows = {t: [] for t in TABLES}
    for key, inp, result in _process(part):
        for table, items in store.rows_for(key, inp, result, now).items():
            rows[table].extend(items)
    by_month: dict[str, list[dict]] = {}
    for e in rows["events"]:
        month = e["event_day"].strftime("%Y-%m") if e["event_day"] else "unknown"
        by_month.setdefault(month, []).append(e)
    for month, events in by_month.items():
        _write(pa.Table.from_pylist(events, schema=pa.schema(store.SCHEMA["events"])),
               root / "events" / f"event_month={month}" / f"part-{pid}.parquet")
    for table in ("sentences", "actors", "quotes"):
        _write(pa.Table.from_pylist(rows[table], schema=pa.schema(store.SCHEMA[table])),
               root / table / f"part-{pid}.parquet")
    # documents last: its file marks the partition as complete
    _write(pa.Table.from_pylist(rows["documents"], schema=pa.schema(store.SCHEMA["documents"])), done)
    return {"partition": pid, "documents": len(rows["documents"]), "skipped": False}


def ingest_dask(paths, lake: str, scheduler: str | None = None, workers: int | None = None,
                published: str | None = None, model: str | None = None,
                partition_docs: int = PARTITION_DOCS, progress: bool = False,
                client=None) -> dict:
    """Map the pipeline over partitions on a Dask cluster: `client` if given, else the
    scheduler at `scheduler`, else a LocalCluster sized to the machine."""
    from dask.distributed import Client, LocalCluster, as_completed

    Path(lake).mkdir(parents=True, exist_ok=True)
    cluster, own_client = None, client is None
    if client is not None:
        pass
    elif scheduler:
        client = Client(scheduler)
    else:
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    totals = {"partitions": 0, "documents": 0, "already_in_lake": 0}
    try:
        futures = [client.submit(process_partition, part, str(Path(lake).resolve()), model,
                                 key=f"dyadwatch-{partition_id(part)}", retries=3, pure=False)
                   for part in _partitions(paths, published, partition_docs)]
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(futures), desc="partitions", unit="part")
        for future in as_completed(futures):
            result = future.result()
            totals["partitions"] += 1
            totals["documents"] += result["documents"]
            totals["already_in_lake"] += result["skipped"]
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
    return totals


def lake_connect(lake: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose tables are views over the lake's Parquet files."""
    root = Path(lake)
    if not (root / "documents").exists():
        raise FileNotFoundError(f"no dyadwatch lake at {lake}: create it with "
                                f"`dyadwatch ingest PATH --engine dask --lake {lake}`")
    con = duckdb.connect()
    for table, cols in store.SCHEMA.items():
        files = root / table / ("**/*.parquet" if table == "events" else "*.parquet")
        if any(root.joinpath(table).rglob("*.parquet")):
            hive = ", hive_partitioning = true" if table == "events" else ""
            names = ", ".join(f'"{n}"' for n, _ in cols)
            con.execute(f"CREATE VIEW {table} AS SELECT {names} FROM read_parquet('{files}'{hive})")
        else:  # an empty table of the right shape
            con.execute(f"CREATE TABLE {table} ({store.columns_sql(table)})")
    return con


def load_lake(lake: str, db: str) -> dict[str, int]:
    """Copy a lake into a DuckDB store, skipping documents the store already has."""
    con = store.connect(db)
    src = lake_connect(lake)
    known = store.stored_keys(con)
    added = {}
    for table in TABLES:
        arrow = src.sql(f"SELECT * FROM {table}").to_arrow_table()
        if known:
            keep = pa.array([k not in known for k in arrow.column("doc_key").to_pylist()])
            arrow = arrow.filter(keep)
        con.register("_lake", arrow)
        con.execute(f"INSERT INTO {table} SELECT * FROM _lake ON CONFLICT DO NOTHING"
                    if table in ("documents", "events") else f"INSERT INTO {table} SELECT * FROM _lake")
        con.unregister("_lake")
        added[table] = arrow.num_rows
    con.close()
    return added
