"""The Dask engine: the pipeline mapped over partitions of documents on a Dask cluster.

`ingest_dask` cuts the input into partitions and maps the pipeline over them with
dask.distributed; each worker loads the spaCy pipeline once and writes its partition's rows
into the Parquet lake (`dyadwatch.storage.lake`). Documents already in the lake are left out
before the input is cut, and a partition's name is a hash of its documents' keys: a task
re-run after a worker dies rewrites the same files, and a second run over more input adds
only the new documents. A partition whose task still fails after its retries (its workers
killed) is written as failed documents, with the reason; the run goes on.
"""
from __future__ import annotations

import os
from pathlib import Path

from dyadwatch.engines.common import (
    IngestReport,
    Keyed,
    chunks,
    ensure_pipeline,
    failed_rows,
    keyed_inputs,
    process_chunk,
    progress_bar,
)
from dyadwatch.io.readers import read_inputs
from dyadwatch.storage.lake import (
    is_lake,
    lake_keys,
    partition_done,
    partition_id,
    write_partition,
)
from dyadwatch.storage.schema import merge_rows

PARTITION_DOCS = 100


def partition_of(part: list[Keyed]) -> str:
    return partition_id(k for k, _ in part)


def _written(lake: str, pid: str, results) -> dict:
    write_partition(lake, pid, merge_rows(rows for rows, _ in results))
    failures = [f for _, f in results if f is not None]
    return {"partition": pid, "documents": len(results), "skipped": False,
            "failed": [f"{f.status} {f.doc_id} ({f.origin}): {f.reason}" for f in failures
                       if f.status != "skipped"],
            "n_skipped": sum(f.status == "skipped" for f in failures)}


def process_partition(part: list[Keyed], lake: str, model: str | None = None,
                      actor_files: tuple[str, ...] = (),
                      min_confidence: float | None = None) -> dict:
    """Worker side: run the pipeline over one partition and write its Parquet files."""
    ensure_pipeline(model, actor_files, min_confidence)
    pid = partition_of(part)
    if partition_done(lake, pid):
        return {"partition": pid, "documents": 0, "skipped": True, "failed": [], "n_skipped": 0}
    return _written(lake, pid, process_chunk(part))


def write_failed_partition(part: list[Keyed], lake: str, reason: str) -> dict:
    """Worker side, without the pipeline: one partition's documents recorded as failed."""
    return _written(lake, partition_of(part), failed_rows(part, reason))


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
                client=None, actor_files: tuple[str, ...] = (), min_confidence: float | None = None,
                special_files: bool = False) -> dict:
    """Map the pipeline over partitions on a Dask cluster: `client` if given, else the
    scheduler at `scheduler`, else a LocalCluster sized to the machine."""
    from dask.distributed import as_completed

    Path(lake).mkdir(parents=True, exist_ok=True)
    root = str(Path(lake).resolve())
    own_client = client is None
    cluster = None
    if own_client:
        client, cluster = _client(scheduler, workers)
    totals = {"partitions": 0, "documents": 0, "already_in_lake": 0, "failed": 0,
              "skipped": 0, "failures": [], "documents_already_in_lake": 0}
    report = IngestReport()
    inputs = keyed_inputs(read_inputs(paths, published, special_files=special_files),
                          lake_keys(lake) if is_lake(lake) else frozenset(), report)
    try:
        parts, futures = {}, []
        for part in chunks(inputs, partition_docs):
            futures.append(client.submit(process_partition, part, root, model, tuple(actor_files),
                                         min_confidence,
                                         key=f"dyadwatch-{partition_of(part)}", retries=3,
                                         pure=False))
            parts[futures[-1].key] = part
        bar = progress_bar(progress, total=len(futures), desc="partitions", unit="part")
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - its workers died on every retry
                result = client.submit(write_failed_partition, parts[future.key], root,
                                       f"its partition's task failed on every retry ({type(exc).__name__}: "
                                       f"{str(exc)[:150]}); ingest it again", pure=False).result()
            totals["partitions"] += 1
            totals["documents"] += result["documents"]
            totals["already_in_lake"] += result["skipped"]
            totals["failed"] += len(result["failed"])
            totals["skipped"] += result["n_skipped"]
            totals["failures"].extend(result["failed"][:20 - len(totals["failures"])])
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
    totals["documents_already_in_lake"] = report.already_stored
    return totals
