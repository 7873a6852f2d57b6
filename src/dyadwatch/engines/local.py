"""The local engine (`dyadwatch ingest`): extraction over many articles, in parallel worker
processes on this machine, into a DuckDB store.

The main process reads the inputs, skips what the store already holds (content hash), hands
chunks to worker processes and writes every finished chunk in one transaction. With
`workers > 1` the main process loads and warms the pipeline once and then forks the workers
(before it opens the store, so no DuckDB thread exists at the fork): they start at once and
share the model, the knowledge and the matchers copy-on-write (`gc.freeze` keeps the
collector from touching those pages), so an extra worker costs its private memory only. At
most two chunks per worker are in flight, so memory stays flat however large the corpus. A
worker that dies (killed, or out of memory) is noticed (`concurrent.futures` raises
BrokenProcessPool where `multiprocessing.Pool` waits forever): the chunks it held are retried
once, one at a time in a fresh pool of spawned processes that load the pipeline themselves,
then recorded as failed.
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from dyadwatch.engines.common import (
    WORKER_DIED,
    IngestReport,
    Keyed,
    chunks,
    failed_rows,
    init_worker,
    keyed_inputs,
    process_chunk,
    progress_bar,
    warm_up,
)
from dyadwatch.io.readers import read_inputs
from dyadwatch.records import Failure, InputDocument
from dyadwatch.storage.schema import Rows, rows_for
from dyadwatch.storage.store import RowsRejected, Store

CHUNK = 32

Results = list[tuple[Rows, Failure | None]]


def forked_pool(workers: int, model, actor_files, min_confidence) -> ProcessPoolExecutor:
    """`workers` processes forked from this one after it loaded and warmed the pipeline: one
    load, shared read-only pages. Call it before opening a DuckDB connection or starting a
    thread (a forked child has only the forking thread)."""
    init_worker(model, actor_files, min_confidence)
    warm_up()
    gc.collect()
    gc.freeze()  # the pipeline's objects: never traversed by the collector, pages stay shared
    pool = ProcessPoolExecutor(workers, mp_context=mp.get_context("fork"))
    # a fork pool starts all its processes at the first submit: make that happen now
    for future in [pool.submit(os.getpid) for _ in range(workers)]:
        future.result()
    return pool


def _in_worker_processes(todo: Iterable[list[Keyed]], workers: int, model, actor_files,
                         min_confidence, pool: ProcessPoolExecutor | None = None
                         ) -> Iterator[Results]:
    """Each chunk's results from a pool of `workers` processes (`pool`, or a new one), in
    input order; a chunk whose worker died is retried once on its own, then its documents
    are recorded as failed."""
    ctx = mp.get_context("spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=ctx, initializer=init_worker,
                                   initargs=(model, actor_files, min_confidence))

    pool = pool or new_pool()
    in_flight: deque = deque()

    def retried(chunk: list[Keyed]) -> Results:
        nonlocal pool
        pool.shutdown(wait=True, cancel_futures=True)
        pool = new_pool()
        try:
            return pool.submit(process_chunk, chunk).result()
        except Exception:  # noqa: BLE001 - died again (BrokenProcessPool) or failed again
            pool.shutdown(wait=True, cancel_futures=True)
            pool = new_pool()
            return failed_rows(chunk, WORKER_DIED)

    def next_results() -> Iterator[Results]:
        future, chunk = in_flight.popleft()
        try:
            yield future.result()
        except Exception:  # noqa: BLE001 - the pool is broken: every chunk in flight is retried
            lost = [chunk] + [c for _, c in in_flight]
            done = {id(c): f.result() for f, c in in_flight if f.done() and not f.exception()}
            in_flight.clear()
            for c in lost:
                yield done[id(c)] if id(c) in done else retried(c)

    try:
        for chunk in todo:
            in_flight.append((pool.submit(process_chunk, chunk), chunk))
            while len(in_flight) >= 2 * workers:
                yield from next_results()
        while in_flight:
            yield from next_results()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def ingest(paths: Iterable[str], db: str, workers: int = 1, published: str | None = None,
           model: str | None = None, actor_files: tuple[str, ...] = (), progress: bool = False,
           min_confidence: float | None = None,
           batch_docs: int = 256, on_batch: Callable | None = None,
           special_files: bool = False) -> IngestReport:
    """Extract every document under `paths` into the store at `db`; `on_batch(report)` is
    called after each committed batch (benchmarks sample memory there)."""
    return ingest_documents(read_inputs(paths, published, special_files=special_files), db,
                            workers=workers, model=model, actor_files=actor_files,
                            progress=progress, min_confidence=min_confidence,
                            batch_docs=batch_docs, on_batch=on_batch)


def ingest_documents(inputs: Iterable[InputDocument | Failure], db: str, workers: int = 1,
                     model: str | None = None, actor_files: tuple[str, ...] = (),
                     progress: bool = False, min_confidence: float | None = None,
                     batch_docs: int = 256, on_batch: Callable | None = None) -> IngestReport:
    """Extract documents already read (or the failures of reading them) into the store at
    `db`; what the store already holds (content hash) is skipped."""
    report = IngestReport()
    pool = _first_pool(workers, model, actor_files, min_confidence)
    try:
        store = Store.create(db)
        todo = chunks(keyed_inputs(inputs, store.stored_keys(), report), CHUNK)
        with store:
            _run(store, todo, report, workers, pool, (model, actor_files, min_confidence),
                 progress, batch_docs, on_batch)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
            gc.unfreeze()
    return report


def _first_pool(workers: int, model, actor_files, min_confidence) -> ProcessPoolExecutor | None:
    """The forked pool when this process may fork (no other Python thread: a caller serving
    requests in threads gets spawned workers instead); None with one worker."""
    if workers <= 1 or threading.active_count() > 1 \
            or "fork" not in mp.get_all_start_methods():
        return None
    return forked_pool(workers, model, actor_files, min_confidence)


def _run(store: Store, todo: Iterable[list[Keyed]], report: IngestReport, workers: int,
         pool: ProcessPoolExecutor | None, settings: tuple, progress: bool, batch_docs: int,
         on_batch: Callable | None) -> None:
    """Code every chunk of `todo` and write the results into `store`, a batch at a time."""
    bar = progress_bar(progress, desc="ingest", unit="doc", smoothing=0.1)
    pending: list[tuple[Rows, Failure | None]] = []

    def write(batch: list[tuple[Rows, Failure | None]]) -> None:
        try:
            counts = store.write_batch([rows for rows, _ in batch])
        except RowsRejected as exc:
            if len(batch) > 1:  # find the document whose rows the store refuses
                for one in batch:
                    write([one])
                return
            rows, earlier = batch[0]
            doc = rows["documents"][0]
            failure = Failure(doc["doc_id"], doc["origin"] or "", f"the store refused its rows ({exc})")
            if earlier is None:
                report.stored -= 1
                report.count(failure)
            counts = store.write_batch([rows_for(doc["doc_key"], None, failure, doc["ingested_at"])])
        report.events += counts.get("events", 0)
        report.quotes += counts.get("quotes", 0)

    def flush():
        if pending:
            write(pending)
            pending.clear()
            if on_batch is not None:
                on_batch(report)

    def consume(results: Results):
        for rows, failure in results:
            pending.append((rows, failure))
            report.count(failure)
        if bar is not None:
            bar.update(len(results))
        if len(pending) >= batch_docs:
            flush()

    if workers <= 1:
        init_worker(*settings)
        for chunk in todo:
            consume(process_chunk(chunk))
    else:
        for results in _in_worker_processes(todo, workers, *settings, pool):
            consume(results)
    flush()
    if report.stored or report.failed or report.skipped:
        store.drop_stale_groups()
    if bar is not None:
        bar.close()
