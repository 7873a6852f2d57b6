"""The local engine (`dyadwatch ingest`): extraction over many articles, in parallel worker
processes on this machine, into a DuckDB store.

The main process reads the inputs, skips what the store already holds (content hash), hands
chunks to worker processes (each loads the spaCy pipeline once) and writes every finished
chunk in one transaction. At most two chunks per worker are in flight, so memory stays flat
however large the corpus.
"""
from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable

from dyadwatch.engines.common import (
    IngestReport,
    chunks,
    init_worker,
    keyed_inputs,
    process_chunk,
    progress_bar,
)
from dyadwatch.io.readers import read_inputs
from dyadwatch.storage.store import Store

CHUNK = 32


def ingest(paths: Iterable[str], db: str, workers: int = 1, published: str | None = None,
           model: str | None = None, actor_files: tuple[str, ...] = (), progress: bool = False,
           batch_docs: int = 256, on_batch=None) -> IngestReport:
    """Extract every document under `paths` into the store at `db`; `on_batch(report)` is
    called after each committed batch (benchmarks sample memory there)."""
    report = IngestReport()
    store = Store.create(db)
    todo = chunks(keyed_inputs(read_inputs(paths, published), store.stored_keys(), report), CHUNK)
    bar = progress_bar(progress, desc="ingest", unit="doc", smoothing=0.1)
    pending: list[dict] = []

    def flush():
        if pending:
            counts = store.write_batch(pending)
            report.events += counts.get("events", 0)
            report.quotes += counts.get("quotes", 0)
            pending.clear()
            if on_batch is not None:
                on_batch(report)

    def consume(results):
        for rows, failure in results:
            pending.append(rows)
            report.count(failure)
        if bar is not None:
            bar.update(len(results))
        if len(pending) >= batch_docs:
            flush()

    with store:
        if workers <= 1:
            init_worker(model, actor_files)
            for chunk in todo:
                consume(process_chunk(chunk))
        else:
            ctx = mp.get_context("spawn")
            with ctx.Pool(workers, initializer=init_worker, initargs=(model, actor_files)) as pool:
                in_flight: deque = deque()
                for chunk in todo:
                    in_flight.append(pool.apply_async(process_chunk, (chunk,)))
                    while len(in_flight) >= 2 * workers:
                        consume(in_flight.popleft().get())
                while in_flight:
                    consume(in_flight.popleft().get())
        flush()
    if bar is not None:
        bar.close()
    return report
