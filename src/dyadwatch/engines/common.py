"""What the local and Dask engines share: keyed inputs (content key, duplicates in the input,
documents already stored), chunking, the worker-side pipeline (loaded once per process; a
chunk of documents in, store rows out) and the ingest report.
"""
from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from dyadwatch.records import Failure, InputDocument
from dyadwatch.storage.schema import Rows, input_key, rows_for

Keyed = tuple[str, InputDocument | Failure]  # (store key, what was read)

_worker_pipeline = None
_worker_settings: tuple | None = None  # what _worker_pipeline was loaded with


def failure_line(failure: Failure) -> str:
    """How a failed or skipped document is listed: status, id, origin and reason."""
    return f"{failure.status} {failure.doc_id} ({failure.origin}): {failure.reason}"


@dataclass
class IngestReport:
    MAX_LISTED: ClassVar[int] = 20
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    already_stored: int = 0
    duplicates_in_input: int = 0
    events: int = 0
    quotes: int = 0
    failures: list[str] = field(default_factory=list)  # the first MAX_LISTED, with reasons

    def count(self, failure: Failure | None) -> None:
        """Tally one processed document (None: it was stored)."""
        if failure is None:
            self.stored += 1
        else:
            if failure.status == "skipped":
                self.skipped += 1
            else:
                self.failed += 1
            if len(self.failures) < self.MAX_LISTED:
                self.failures.append(failure_line(failure))

    def summary(self, db: str) -> str:
        lines = [f"dyadwatch: {line}" for line in self.failures]
        if self.failed + self.skipped > len(self.failures):
            lines.append(f"dyadwatch: ... and {self.failed + self.skipped - len(self.failures)} more")
        lines += [f"dyadwatch: {self.stored} stored, {self.skipped} skipped, {self.failed} failed, "
                 f"{self.already_stored} already in {db}, {self.duplicates_in_input} duplicates "
                 f"in the input; {self.events} events, {self.quotes} quotes added"]
        if self.failed or self.skipped:
            lines.append(f"dyadwatch: skipped and failed documents are listed with their reasons "
                         f"by `dyadwatch failures --db {db}`")
        return "\n".join(lines)


def keyed_inputs(items: Iterable[InputDocument | Failure], known: set[str] | frozenset = frozenset(),
                 report: IngestReport | None = None) -> Iterator[Keyed]:
    """Each input with its store key, once: inputs whose key is `known` (already stored) or
    seen earlier in the input are dropped, and counted in `report`."""
    report = report if report is not None else IngestReport()
    seen: set[str] = set()
    for item in items:
        key = input_key(item)
        if key in known:
            report.already_stored += 1
        elif key in seen:
            report.duplicates_in_input += 1
        else:
            seen.add(key)
            yield key, item


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of `size` items (the last may be shorter)."""
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def progress_bar(enabled: bool, **options):
    """A tqdm bar on stderr, or None."""
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(file=sys.stderr, **options)


def init_worker(model=None, actor_files=(), min_confidence=None) -> None:
    """Load the pipeline in this process (a pool initializer); a second call with the same
    settings keeps the one loaded (a long-running caller ingests many times)."""
    global _worker_pipeline, _worker_settings
    from dyadwatch.pipeline import Pipeline

    settings = (model, tuple(actor_files), min_confidence)
    if _worker_pipeline is None or _worker_settings != settings:
        _worker_pipeline = Pipeline(model=model, actor_files=actor_files,
                                    min_confidence=min_confidence)
        _worker_settings = settings


def ensure_pipeline(model=None, actor_files=(), min_confidence=None) -> None:
    """Load the pipeline in this process unless it is there already (Dask workers)."""
    if _worker_pipeline is None:
        init_worker(model, actor_files, min_confidence)


WARM_UP = InputDocument("warm-up", "Germany imposed sanctions on Iran on Monday, officials "
                        "said.\n\n\"We condemn it,\" the Iranian foreign minister said.",
                        "2021-06-11")


def warm_up() -> None:
    """Build every stage the pipeline makes on first use (knowledge, mention matcher,
    gazetteer, event model) by coding one short document: afterwards the pipeline is
    read-only, so processes forked from this one share its memory and start at once."""
    list(_worker_pipeline.process_many([WARM_UP]))


def process_chunk(chunk: list[Keyed]) -> list[tuple[Rows, Failure | None]]:
    """Worker side: each document's store rows, with its failure if it has one. A document
    whose rows cannot be made is stored as failed, with the reason; the chunk goes on."""
    now = dt.datetime.now().replace(microsecond=0)
    out = []
    items = [item for _, item in chunk]
    for (key, item), result in zip(chunk, _worker_pipeline.process_many(items)):
        inp = item if isinstance(item, InputDocument) else None
        if not isinstance(result, Failure):
            try:
                out.append((rows_for(key, inp, result.to_dict(with_sentences=True), now), None))
                continue
            except Exception as exc:  # noqa: BLE001 - one document's fault stops nothing
                result = Failure(result.doc_id, inp.origin if inp else "", f"its rows could not be "
                                 f"made ({type(exc).__name__}: {str(exc)[:200]})")
        out.append((rows_for(key, inp, result, now), result))
    return out


def failed_rows(chunk: list[Keyed], reason: str) -> list[tuple[Rows, Failure]]:
    """Rows recording every document of `chunk` as failed with `reason` (its worker died)."""
    now = dt.datetime.now().replace(microsecond=0)
    out = []
    for key, item in chunk:
        failure = item if isinstance(item, Failure) else Failure(item.doc_id, item.origin, reason)
        out.append((rows_for(key, None, failure, now), failure))
    return out


WORKER_DIED = ("the worker process coding this document's chunk died twice (killed, or out of "
               "memory); ingest it again, alone or with more memory")
