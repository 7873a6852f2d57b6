"""The Dask engine: the pipeline mapped over partitions of documents on a Dask cluster.

`ingest_dask` cuts the input into partitions and maps the pipeline over them with
dask.distributed; each worker loads the spaCy pipeline once and writes its partition's rows
into the Parquet lake (`dyadwatch.storage.lake`). A partition's name depends only on the
documents in it: a task re-run after a worker dies rewrites the same files, and partitions
already in the lake are not run again.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from dyadwatch.engines.common import (
    Keyed,
    chunks,
    ensure_pipeline,
    keyed_inputs,
    process_chunk,
    progress_bar,
)
from dyadwatch.io.readers import read_inputs
from dyadwatch.storage.lake import partition_done, write_partition
from dyadwatch.storage.schema import merge_rows

PARTITION_DOCS = 100


def partition_id(part: list[Keyed]) -> str:
    return hashlib.sha256("\n".join(k for k, _ in part).encode()).hexdigest()[:24]


def process_partition(part: list[Keyed], lake: str, model: str | None = None) -> dict:
    """Worker side: run the pipeline over one partition and write its Parquet files."""
    ensure_pipeline(model)
    pid = partition_id(part)
    if partition_done(lake, pid):
        return {"partition": pid, "documents": 0, "skipped": True}
    rows = merge_rows(rows for rows, _ in process_chunk(part))
    write_partition(lake, pid, rows)
    return {"partition": pid, "documents": len(rows["documents"]), "skipped": False}


def _client(scheduler: str | None, workers: int | None):
    """A client of the scheduler at `scheduler`, else of a LocalCluster sized to the machine;
    and the cluster to close, if one was started here."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                           processes=True, dashboard_address=None)
    return Client(cluster), cluster


def ingest_dask(paths, lake: str, scheduler: str | None = None, workers: int | None = None,
                published: str | None = None, model: str | None = None,
                partition_docs: int = PARTITION_DOCS, progress: bool = False,
                client=None) -> dict:
    """Map the pipeline over partitions on a Dask cluster: `client` if given, else the
    scheduler at `scheduler`, else a LocalCluster sized to the machine."""
    from dask.distributed import as_completed

    Path(lake).mkdir(parents=True, exist_ok=True)
    own_client = client is None
    cluster = None
    if own_client:
        client, cluster = _client(scheduler, workers)
    totals = {"partitions": 0, "documents": 0, "already_in_lake": 0}
    inputs = keyed_inputs(read_inputs(paths, published, warn=lambda msg: None))
    try:
        futures = [client.submit(process_partition, part, str(Path(lake).resolve()), model,
                                 key=f"dyadwatch-{partition_id(part)}", retries=3, pure=False)
                   for part in chunks(inputs, partition_docs)]
        bar = progress_bar(progress, total=len(futures), desc="partitions", unit="part")
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
