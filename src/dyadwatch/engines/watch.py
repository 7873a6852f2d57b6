"""`dyadwatch watch`: poll feeds, sitemaps and URL lists, fetch the articles not seen before,
and code them into a store through the local engine (`ingest_documents`), round after round.

A round: read the watch state (feeds' ETags, URLs already fetched) and the URLs the store
holds; poll every source (conditional GET); fetch the new articles politely (io.fetch),
streaming them into the pipeline; then log the round's feed states and URL outcomes. Every
write is a transaction and documents are keyed by their text, so a round stopped at any
moment (Ctrl-C, SIGKILL) is picked up by the next run with nothing lost or stored twice.
The store file is opened only while it is read or written, so `serve` can take snapshots of
it between rounds.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from dyadwatch.engines.common import IngestReport, progress_bar
from dyadwatch.engines.local import ingest_documents
from dyadwatch.io.encoding import decode
from dyadwatch.io.feeds import Entry, Listing, is_http_url, normalise_url, parse_listing
from dyadwatch.io.fetch import Fetched, Fetcher, FetchSettings
from dyadwatch.io.readers import html_to_document
from dyadwatch.io.warc import doc_id_for_url
from dyadwatch.records import Failure, InputDocument
from dyadwatch.storage import fetch_log
from dyadwatch.storage.fetch_log import FeedState, UrlOutcome
from dyadwatch.storage.schema import content_key, failure_key
from dyadwatch.storage.store import Store, StoreUnusable

MAX_LISTING_BYTES = 50_000_000  # a feed, sitemap or URL list (GDELT's daily files are ~40 MB)


@dataclass(frozen=True)
class WatchSettings:
    sources: tuple[str, ...]  # feeds, sitemaps, URL lists: http(s) URLs or local files
    db: str
    interval: float = 900.0  # seconds from the start of one round to the next
    max_articles: int = 500  # fetched per round; the rest wait for the next round
    max_tries: int = 3  # rounds a URL that failed for a passing reason is tried in
    concurrency: int = 8  # fetches in flight (each host has its own cap, in `fetch`)
    min_words: int = 40  # an extraction shorter than this is a paywall or not an article
    fetch: FetchSettings = field(default_factory=FetchSettings)
    workers: int = 1
    model: str | None = None
    actor_files: tuple[str, ...] = ()
    min_confidence: float | None = None
    progress: bool = False
    batch_docs: int = 64  # documents per store transaction
    store_wait: float = 120.0  # seconds to wait for the store while another process reads it


@dataclass
class RoundReport:
    sources: int = 0
    not_modified: int = 0
    source_failures: int = 0
    new_urls: int = 0
    retried: int = 0  # URLs that failed for a passing reason in an earlier round
    left_for_later: int = 0
    requests: int = 0
    ingest: IngestReport = field(default_factory=IngestReport)

    def line(self) -> str:
        i = self.ingest
        return (f"{self.sources} sources ({self.not_modified} not modified, {self.source_failures} "
                f"failed), {self.new_urls} new URLs, {self.retried} retried, {self.requests} HTTP "
                f"requests: {i.stored} "
                f"articles stored, {i.already_stored + i.duplicates_in_input} already stored, "
                f"{i.failed} failed, {i.skipped} skipped"
                + (f"; {self.left_for_later} URLs left for the next round" if self.left_for_later else ""))


def open_store(db: str, wait: float, sleep=time.sleep) -> Store:
    """The store for writing, waiting while another process (serve taking a snapshot)
    holds it."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return Store.create(db)
        except StoreUnusable as exc:
            if "in use" not in str(exc) or time.monotonic() > deadline:
                raise
            sleep(0.5)


def _read_source(source: str, fetcher: Fetcher, state: FeedState) -> tuple[Listing | None, str | None]:
    """A source's listing (None when unchanged since the last poll), or why it failed."""
    if is_http_url(source):
        got = fetcher.get(source, state.etag, state.last_modified)
        if not got.ok:
            state.outcome = f"failed: {got.failure}"
            return None, got.failure
        if got.not_modified:
            state.outcome = "not modified"
            return None, None
        state.etag, state.last_modified = got.etag, got.last_modified
        body = got.body
    else:
        path = Path(source)
        try:
            with open(path, "rb") as fh:
                body = fh.read(MAX_LISTING_BYTES + 1)
        except OSError as exc:
            state.outcome = "failed"
            return None, (f"not an http(s) URL, and the file cannot be read "
                          f"({exc.strerror or exc}): give a feed URL or a URL list file")
        if len(body) > MAX_LISTING_BYTES:
            return None, f"URL list too large (over {MAX_LISTING_BYTES:,} bytes): split it"
    listing = parse_listing(body)
    state.kind = listing.kind
    if listing.problem:
        state.outcome, state.etag, state.last_modified = f"failed: {listing.problem}", None, None
        return None, listing.problem
    return listing, None


def _poll(settings: WatchSettings, fetcher: Fetcher, states: dict[str, FeedState],
          report: RoundReport, failures: list[Failure],
          polled: list[str]) -> list[tuple[str, Entry]]:
    """Every source's entries, as (source, entry); sitemap indexes are followed one level.
    The sources read are added to `polled`, their failures to `failures`."""
    found: list[tuple[str, Entry]] = []
    queue = [(s, 0) for s in settings.sources]
    while queue:
        source, depth = queue.pop(0)
        state = states.setdefault(source, FeedState(source))
        polled.append(source)
        report.sources += 1
        listing, problem = _read_source(source, fetcher, state)
        if problem:
            report.source_failures += 1
            failures.append(Failure(source, source, f"feed or URL list: {problem}"))
            continue
        if listing is None:
            report.not_modified += 1
            continue
        if depth == 0:
            queue += [(s, 1) for s in listing.sitemaps]
        state.entries = len(listing.entries)
        state.outcome = f"{len(listing.entries)} entries"
        found += [(source, entry) for entry in listing.entries]
    return found


def _as_document(entry: Entry, got: Fetched, min_words: int, warn) -> InputDocument | Failure:
    url = normalise_url(got.final_url or entry.url)
    doc_id = doc_id_for_url(url, url)
    origin = entry.url
    if not got.ok:
        status = "skipped" if got.failure.startswith("disallowed by") else "failed"
        return Failure(doc_id, origin, got.failure, status)
    charset = None
    if "charset=" in got.content_type:
        charset = got.content_type.split("charset=")[-1].split(";")[0].strip(" \"'")
    try:
        html = got.body.decode(charset) if charset else decode(got.body, origin, warn)
    except (LookupError, UnicodeDecodeError):
        html = decode(got.body, origin, warn)
    doc = html_to_document(html, doc_id, origin, None, url, warn=warn)
    if isinstance(doc, Failure):
        return Failure(doc_id, origin, f"empty extraction: {doc.reason} (a paywall, a page built "
                                       f"by scripts, or not an article)")
    words = len(doc.text.split())
    if words < min_words:
        return Failure(doc_id, origin, f"too little text ({words} words, under {min_words}): a "
                                       f"paywall or a page that is not an article")
    doc.published = doc.published or entry.published
    doc.title = doc.title or entry.title
    return doc


def _fetch_all(todo: list[tuple[str, Entry]], settings: WatchSettings, fetcher: Fetcher,
               outcomes: list[UrlOutcome], warn) -> Iterator[InputDocument | Failure]:
    """Each new article fetched and read, in order, its outcome logged in `outcomes`."""
    bar = progress_bar(settings.progress, total=len(todo), desc="watch", unit="url")

    def one(item: tuple[str, Entry]) -> tuple[str, Entry, Fetched]:
        source, entry = item
        return source, entry, fetcher.get(entry.url, html_only=True)

    pool = ThreadPoolExecutor(max(1, settings.concurrency))
    window: deque = deque()  # fetches in flight, in order: a few more than the threads
    pending = iter(todo)
    try:
        while True:
            while len(window) < 2 * max(1, settings.concurrency):
                item = next(pending, None)
                if item is None:
                    break
                window.append(pool.submit(one, item))
            if not window:
                break
            source, entry, got = window.popleft().result()
            doc = _as_document(entry, got, settings.min_words, warn)
            failed = isinstance(doc, Failure)
            outcomes.append(UrlOutcome(
                normalise_url(entry.url), source, got.final_url or None,
                doc.status if failed else "fetched", doc.reason if failed else None,
                got.transient, failure_key(doc) if failed else content_key(doc.text)))
            if bar is not None:
                bar.update(1)
            yield doc
    finally:  # stopped (Ctrl-C): the fetches not started are dropped, not waited for
        pool.shutdown(wait=False, cancel_futures=True)
        if bar is not None:
            bar.close()


def run_round(settings: WatchSettings, fetcher: Fetcher,
              warn: Callable[[str], None] = lambda msg: None,
              committed: Callable[[IngestReport], None] | None = None) -> RoundReport:
    """One round: poll, fetch what is new, code and store it, log the round. `committed`
    is called after each batch the store has committed (with the round's tally so far)."""
    report = RoundReport()
    requests_before = len(fetcher.log)
    fetcher.forget_robots()
    with open_store(settings.db, settings.store_wait) as store:
        states = fetch_log.feed_states(store.con)
        known = fetch_log.known_urls(store.con, settings.max_tries)
        known |= {normalise_url(u) for u in fetch_log.stored_urls(store.con)}
        retries = fetch_log.retry_urls(store.con, settings.max_tries)
    failures: list[Failure] = []
    polled: list[str] = []
    found = _poll(settings, fetcher, states, report, failures, polled)
    polled_feeds = set(polled)
    retry = [(feed, Entry(url)) for url, feed in retries if feed in polled_feeds]
    todo, queued = [], set()
    for source, entry in found + retry:
        key = normalise_url(entry.url)
        if key in known or key in queued:
            continue
        queued.add(key)
        if len(todo) >= settings.max_articles:
            report.left_for_later += 1
            states[source].etag = states[source].last_modified = None  # list it all again
            continue
        todo.append((source, entry))
    retried_urls = {u for u, _ in retries}
    report.retried = sum(1 for _, entry in todo if entry.url in retried_urls)
    report.new_urls = len(todo) - report.retried
    outcomes: list[UrlOutcome] = []

    def inputs() -> Iterator[InputDocument | Failure]:
        yield from failures
        yield from _fetch_all(todo, settings, fetcher, outcomes, warn)

    stream = inputs()
    for attempt in range(3 if todo or failures else 0):  # nothing new: the model is not loaded
        open_store(settings.db, settings.store_wait).close()
        try:
            report.ingest = ingest_documents(stream, settings.db, workers=settings.workers,
                                             model=settings.model,
                                             actor_files=settings.actor_files,
                                             min_confidence=settings.min_confidence,
                                             batch_docs=settings.batch_docs,
                                             on_batch=committed)
            break
        except StoreUnusable as exc:  # taken between the check and the ingest's own open
            if "in use" not in str(exc) or attempt == 2:
                raise
    with open_store(settings.db, settings.store_wait) as store:
        fetch_log.record_round(store.con, [states[s] for s in dict.fromkeys(polled)], outcomes)
    report.requests = len(fetcher.log) - requests_before
    return report


def watch(settings: WatchSettings, once: bool = False, fetcher: Fetcher | None = None,
          status: Callable[[str], None] = print, warn: Callable[[str], None] = lambda m: None,
          sleep=time.sleep, rounds: int | None = None) -> list[RoundReport]:
    """Rounds until stopped (Ctrl-C), `once`, or after `rounds`; `status` gets one line per
    round (sources, new articles, failures, next poll)."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings.fetch)
    reports: list[RoundReport] = []
    try:
        while True:
            started = time.monotonic()
            number = len(reports) + 1

            def committed(tally: IngestReport, number: int = number) -> None:
                status(f"round {number}: {tally.stored} articles stored so far")

            report = run_round(settings, fetcher, warn, committed)
            reports.append(report)
            done = once or (rounds is not None and len(reports) >= rounds)
            wait = max(0.0, settings.interval - (time.monotonic() - started))
            next_poll = (dt.datetime.now() + dt.timedelta(seconds=wait)).strftime("%H:%M:%S")
            status(f"round {len(reports)}: {report.line()}"
                   + ("" if done else f"; next poll at {next_poll} (Ctrl-C stops)"))
            if done:
                return reports
            sleep(wait)
    finally:
        if own:
            fetcher.close()
