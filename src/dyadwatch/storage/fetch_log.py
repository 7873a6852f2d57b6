"""What `dyadwatch watch` remembers between rounds, in the store's own DuckDB file:

- `watch_feeds`: each feed, sitemap or URL list polled, with the ETag and Last-Modified of
  its last answer (for conditional GET), when it was polled, and what came of it;
- `watch_urls`: each article URL (normalised) fetched or refused, with the outcome, the
  document it became (`doc_key`) and the tries so far.

Rows go in after the round's documents are stored: a run stopped in between fetches those
URLs again next time, and the content key keeps their documents from being stored twice.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

FEEDS_SQL = """CREATE TABLE IF NOT EXISTS watch_feeds (
    feed VARCHAR PRIMARY KEY, kind VARCHAR, etag VARCHAR, last_modified VARCHAR,
    polled_at TIMESTAMP, outcome VARCHAR, entries INTEGER)"""
URLS_SQL = """CREATE TABLE IF NOT EXISTS watch_urls (
    url VARCHAR PRIMARY KEY, feed VARCHAR, final_url VARCHAR, outcome VARCHAR, reason VARCHAR,
    transient BOOLEAN, doc_key VARCHAR, tries INTEGER, fetched_at TIMESTAMP)"""


@dataclass(slots=True)
class FeedState:
    feed: str
    kind: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    outcome: str | None = None  # new entries | not modified | failed: reason
    entries: int = 0


@dataclass(slots=True)
class UrlOutcome:
    url: str  # normalised
    feed: str
    final_url: str | None
    outcome: str  # fetched | failed | skipped
    reason: str | None = None
    transient: bool = False
    doc_key: str | None = None


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(FEEDS_SQL)
    con.execute(URLS_SQL)


def feed_states(con: duckdb.DuckDBPyConnection) -> dict[str, FeedState]:
    ensure_tables(con)
    rows = con.execute("SELECT feed, kind, etag, last_modified, outcome, entries FROM watch_feeds").fetchall()
    return {r[0]: FeedState(*r) for r in rows}


def known_urls(con: duckdb.DuckDBPyConnection, max_tries: int) -> set[str]:
    """URLs not to fetch again: every one logged, except transient failures with tries left."""
    ensure_tables(con)
    return {u for (u,) in con.execute(
        "SELECT url FROM watch_urls WHERE NOT (transient AND tries < ?)", [max_tries]).fetchall()}


def retry_urls(con: duckdb.DuckDBPyConnection, max_tries: int) -> list[tuple[str, str]]:
    """(url, feed) of the URLs that failed for a passing reason and have tries left: they are
    tried again even when their feed has nothing new."""
    ensure_tables(con)
    return con.execute("SELECT url, feed FROM watch_urls WHERE transient AND tries < ? "
                       "ORDER BY fetched_at, url", [max_tries]).fetchall()


def stored_urls(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The URLs of the documents the store holds (from any ingest), as given."""
    return [u for (u,) in con.execute(
        "SELECT url FROM documents WHERE status = 'stored' AND url IS NOT NULL").fetchall()]


def record_round(con: duckdb.DuckDBPyConnection, feeds: list[FeedState],
                 urls: list[UrlOutcome]) -> None:
    """The round's feed states and URL outcomes, in one transaction; a URL tried before
    has its tries counted up."""
    ensure_tables(con)
    now = dt.datetime.now().replace(microsecond=0)
    con.execute("BEGIN TRANSACTION")
    try:
        for f in feeds:
            con.execute("INSERT OR REPLACE INTO watch_feeds VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [f.feed, f.kind, f.etag, f.last_modified, now, f.outcome, f.entries])
        for u in urls:
            con.execute("""INSERT INTO watch_urls VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)
                           ON CONFLICT (url) DO UPDATE SET final_url = excluded.final_url,
                             outcome = excluded.outcome, reason = excluded.reason,
                             transient = excluded.transient, doc_key = excluded.doc_key,
                             tries = watch_urls.tries + 1, fetched_at = excluded.fetched_at""",
                        [u.url, u.feed, u.final_url, u.outcome, u.reason, u.transient,
                         u.doc_key, now])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
