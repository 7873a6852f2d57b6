"""`dyadwatch ingest`: extraction over many articles, in parallel, into the DuckDB store.

The main process reads the inputs, skips what the store already holds (content hash), hands
chunks to worker processes (each loads the spaCy pipeline once) and writes every finished
chunk in one transaction. At most two chunks per worker are in flight, so memory stays flat
however large the corpus.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import store
from .ingest import read_inputs
from .records import Failure, InputDocument

CHUNK = 32

_worker_pipeline = None


@dataclass
class IngestReport:
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    already_stored: int = 0
    duplicates_in_input: int = 0
    events: int = 0
    quotes: int = 0
    failures: list[str] = field(default_factory=list)

    def summary(self, db: str) -> str:
        lines = [f"dyadwatch: {self.stored} stored, {self.skipped} skipped, {self.failed} failed, "
                 f"{self.already_stored} already in {db}, {self.duplicates_in_input} duplicates "
                 f"in the input; {self.events} events, {self.quotes} quotes added"]
        if self.failed or self.skipped:
            lines.append(f"dyadwatch: skipped and failed documents are listed with their reasons "
                         f"by `dyadwatch failures --db {db}`")
        return "\n".join(lines)


def _init_worker(model, actor_files) -> None:
    global _worker_pipeline
    from .pipeline import Pipeline

    _worker_pipeline = Pipeline(model=model, actor_files=actor_files)


def ensure_pipeline(model=None, actor_files=()) -> None:
    """Load the pipeline in this process unless it is there already (Dask workers)."""
    if _worker_pipeline is None:
        _init_worker(model, actor_files)


def _process(chunk: list[tuple[str, InputDocument | Failure]]):
    """Worker side: extraction results as plain dicts, ready for the store."""
    out = []
    items = [item for _, item in chunk]
    for (key, item), result in zip(chunk, _worker_pipeline.process_many(items)):
        if isinstance(result, Failure):
            out.append((key, item if isinstance(item, InputDocument) else None, result))
        else:
            out.append((key, item, result.to_dict(with_sentences=True)))
    return out


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ingest(paths: Iterable[str], db: str, workers: int = 1, published: str | None = None,
           model: str | None = None, actor_files: tuple[str, ...] = (), progress: bool = False,
           batch_docs: int = 256, on_batch=None) -> IngestReport:
    """Extract every document under `paths` into the store at `db`; `on_batch(report)` is
    called after each committed batch (benchmarks sample memory there)."""
    report = IngestReport()
    con = store.connect(db)
    known = store.stored_keys(con)
    seen: set[str] = set()

    def keyed():
        for item in read_inputs(paths, published):
            key = store.failure_key(item) if isinstance(item, Failure) else store.content_key(item.text)
            if key in known:
                report.already_stored += 1
            elif key in seen:
                report.duplicates_in_input += 1
            else:
                seen.add(key)
                yield key, item

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(desc="ingest", unit="doc", file=sys.stderr, smoothing=0.1)
    pending: list[dict] = []

    def flush():
        if pending:
            counts = store.write_batch(con, pending)
            report.events += counts.get("events", 0)
            report.quotes += counts.get("quotes", 0)
            pending.clear()
            if on_batch is not None:
                on_batch(report)

    def consume(results):
        now = dt.datetime.now().replace(microsecond=0)
        for key, inp, result in results:
            pending.append(store.rows_for(key, inp, result, now))
            if isinstance(result, Failure) and result.status == "skipped":
                report.skipped += 1
            elif isinstance(result, Failure):
                report.failed += 1
                report.failures.append(f"{result.doc_id} ({result.origin}): {result.reason}")
            else:
                report.stored += 1
        if bar is not None:
            bar.update(len(results))
        if len(pending) >= batch_docs:
            flush()

    chunks = _chunks(keyed(), CHUNK)
    if workers <= 1:
        _init_worker(model, actor_files)
        for chunk in chunks:
            consume(_process(chunk))
    else:
        ctx = mp.get_context("spawn")
        with ctx.Pool(workers, initializer=_init_worker, initargs=(model, actor_files)) as pool:
            in_flight: deque = deque()
            for chunk in chunks:
                in_flight.append(pool.apply_async(_process, (chunk,)))
                while len(in_flight) >= 2 * workers:
                    consume(in_flight.popleft().get())
            while in_flight:
                consume(in_flight.popleft().get())
            flush()
    flush()
    if bar is not None:
        bar.close()
    con.close()
    return report
