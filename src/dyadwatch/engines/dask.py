"""The Dask engine: the pipeline mapped over partitions of documents on a Dask cluster.

`ingest_dask` registers a worker plugin (`engines.dask_plugin`) that loads and warms the
pipeline once in every worker process, then reads the input as a stream, cuts it into
partitions and submits them a few per worker at a time (the client holds the partitions in
flight only, whatever the input's size); each task codes its partition and writes its rows
into the Parquet lake itself (`dyadwatch.storage.lake`), returning only counts. Documents
already in the lake are left out before the input is cut, and a partition's name is a hash
of its documents' keys: a task re-run after a worker dies rewrites the same files, and a
second run over more input adds only the new documents. A partition whose task still fails
after its retries (its workers killed) is written as failed documents, with the reason; the
run goes on.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from dyadwatch.engines.common import (
    IngestReport,
    Keyed,
    chunks,
    ensure_pipeline,
    failed_rows,
    failure_line,
    keyed_inputs,
    process_chunk,
    progress_bar,
)
from dyadwatch.io.readers import read_inputs
from dyadwatch.storage.lake import (
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
            "failed": [failure_line(f) for f in failures if f.status != "skipped"],
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


def _in_flight_limit(client) -> int:
    """Partitions submitted at once: two per worker thread (each has its next one queued, so
    no worker waits on the client), plus one."""
    threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
    return 2 * max(threads, 1) + 1


def ingest_dask(paths, lake: str, scheduler: str | None = None, workers: int | None = None,
                published: str | None = None, model: str | None = None,
                partition_docs: int = PARTITION_DOCS, progress: bool = False,
                client=None, actor_files: tuple[str, ...] = (), min_confidence: float | None = None,
                special_files: bool = False, on_partition: Callable | None = None) -> dict:
    """Map the pipeline over partitions on a Dask cluster: `client` if given, else the
    scheduler at `scheduler`, else a LocalCluster sized to the machine. Every worker loads the
    pipeline once (a worker plugin) before partitions are submitted; partitions are then cut
    and submitted as the input is read, a few per worker at a time, so the client holds only
    the partitions in flight, never the whole input. `on_partition(totals)` is called after
    each finished partition (benchmarks time the run there)."""
    from dask.distributed import as_completed

    from dyadwatch.engines.dask_plugin import LoadPipeline

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
                          lake_keys(lake), report)
    bar = progress_bar(progress, desc="partitions", unit="part")
    try:
        client.register_plugin(LoadPipeline(model, tuple(actor_files), min_confidence))
        limit = _in_flight_limit(client)
        parts: dict[str, list[Keyed]] = {}
        running = as_completed()

        def submit(part: list[Keyed]) -> None:
            future = client.submit(process_partition, part, root, model, tuple(actor_files),
                                   min_confidence, key=f"dyadwatch-{partition_of(part)}",
                                   retries=3, pure=False)
            parts[future.key] = part
            running.add(future)

        todo = chunks(inputs, partition_docs)
        for part in todo:
            submit(part)
            if len(parts) >= limit:
                break
        for future in running:
            part = parts.pop(future.key)
            _count(totals, _result(client, future, part, root))
            if on_partition is not None:
                on_partition(totals)
            if bar is not None:
                bar.update(1)
            nxt = next(todo, None)
            if nxt is not None:
                submit(nxt)
    finally:
        if bar is not None:
            bar.close()
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
    totals["documents_already_in_lake"] = report.already_stored
    return totals


def _result(client, future, part: list[Keyed], root: str) -> dict:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - its workers died on every retry
        return client.submit(write_failed_partition, part, root,
                             f"its partition's task failed on every retry ({type(exc).__name__}: "
                             f"{str(exc)[:150]}); ingest it again", pure=False).result()


def _count(totals: dict, result: dict) -> None:
    totals["partitions"] += 1
    totals["documents"] += result["documents"]
    totals["already_in_lake"] += result["skipped"]
    totals["failed"] += len(result["failed"])
    totals["skipped"] += result["n_skipped"]
    totals["failures"].extend(result["failed"][:IngestReport.MAX_LISTED - len(totals["failures"])])
