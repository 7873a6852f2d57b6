"""The `watch` verb: keep a store current from RSS/Atom feeds, sitemaps and URL lists."""
from __future__ import annotations

import argparse
import sys

from dyadwatch.cli.common import fail, positive


def _seconds(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        n = -1.0
    if not n > 0:
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, got {value!r}")
    return n


def cmd_watch(args) -> int:
    from dyadwatch.engines.watch import WatchSettings, watch
    from dyadwatch.io.fetch import FetchSettings

    if not args.db:
        fail("give --db FILE.duckdb: the store watch keeps current")
    fetch = FetchSettings(timeout=args.timeout, retries=args.retries, max_bytes=args.max_bytes,
                          host_interval=args.host_interval, host_concurrency=args.host_concurrency,
                          **({"user_agent": args.user_agent} if args.user_agent else {}))
    settings = WatchSettings(tuple(args.sources), args.db, interval=args.interval,
                             max_articles=args.max_articles, concurrency=args.concurrency,
                             fetch=fetch, workers=args.workers, model=args.model,
                             actor_files=tuple(args.actors or ()),
                             min_confidence=args.min_confidence, min_words=args.min_words,
                             batch_docs=args.batch_docs, progress=sys.stderr.isatty() or args.progress)

    def status(line: str) -> None:
        import datetime as dt

        print(f"dyadwatch: {dt.datetime.now():%H:%M:%S} {line}", file=sys.stderr, flush=True)

    reports = watch(settings, once=args.once, status=status,
                    warn=lambda msg: print(f"dyadwatch: {msg}", file=sys.stderr))
    failed = sum(r.ingest.failed + r.source_failures for r in reports)
    if failed:
        print(f"dyadwatch: failed fetches are listed with their reasons by `dyadwatch failures "
              f"--db {args.db}`", file=sys.stderr)
    return 0


def add_commands(sub, common) -> None:
    """watch."""
    p = sub.add_parser("watch", parents=[common],
                       help="poll feeds, sitemaps and URL lists; fetch and code new articles "
                            "into a store, round after round")
    p.add_argument("sources", nargs="+", metavar="FEED_OR_URL_LIST",
                   help="RSS/Atom feed, sitemap (news sitemaps too) or URL list (one URL a line, "
                        "or a GDELT events file: its SOURCEURL column), as an http(s) URL or a file")
    p.add_argument("--db", metavar="FILE.duckdb", help="the store to keep current")
    p.add_argument("--once", action="store_true", help="one round, then exit (for cron)")
    p.add_argument("--interval", type=_seconds, default=900.0,
                   help="seconds between the starts of two rounds (default 900)")
    p.add_argument("--max-articles", type=positive, default=500,
                   help="articles fetched per round; the rest wait for the next (default 500)")
    p.add_argument("--concurrency", type=positive, default=8, help="fetches in flight (default 8)")
    p.add_argument("--host-concurrency", type=positive, default=2,
                   help="fetches in flight to one host (default 2)")
    p.add_argument("--host-interval", type=float, default=1.0,
                   help="seconds between two requests to one host (default 1; a longer "
                        "robots.txt Crawl-delay wins)")
    p.add_argument("--timeout", type=_seconds, default=20.0, help="seconds per request (default 20)")
    p.add_argument("--retries", type=int, default=2,
                   help="retries after a timeout, connection error, 429 or 5xx (default 2)")
    p.add_argument("--max-bytes", type=positive, default=5_000_000,
                   help="largest page fetched, in bytes (default 5,000,000)")
    p.add_argument("--user-agent", help="User-Agent to send (default names dyadwatch and its version)")
    p.add_argument("--min-words", type=positive, default=40,
                   help="an article with fewer words is recorded as failed (a paywall, or not an "
                        "article; default 40)")
    p.add_argument("--batch-docs", type=positive, default=64,
                   help="documents written per store transaction (default 64)")
    p.add_argument("--workers", type=positive, default=1,
                   help="worker processes coding the articles (default 1)")
    p.add_argument("--progress", action="store_true", help="progress bar even when not a terminal")
    p.set_defaults(func=cmd_watch)
