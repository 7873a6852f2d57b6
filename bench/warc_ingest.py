#!/usr/bin/env python3
"""WARC ingest, checked and timed: a generated WARC.gz of news pages (with PDFs, redirects,
request and warcinfo records, and one truncated record) against the same pages as JSON Lines
(`html` field) and as HTML files, in one run.

    python bench/warc_ingest.py [--pages 1000] [--repeat 2] [--workers 1]

Prints the WARC's counts (stored + skipped + failed = HTTP responses), whether the rows
equal those of the HTML-file ingest (sentences, actors, events, quotes, and each document's
date, title and counts), and pages per second of WARC and JSONL ingest (best of `--repeat`
runs each, alternated, after a warm-up ingest that pays the imports; the pipeline's loading
is inside both) with their ratio.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from news_pages import pages, write_html_files, write_jsonl, write_warc

from dyadwatch.engines.local import ingest

ROW_TABLES = {"sentences": "doc_key, sentence_index", "actors": "doc_key, start, name",
              "events": "event_id", "quotes": "doc_key, quote_index"}


def _rows(db: Path, table: str, order: str) -> list[tuple]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()


def _documents(db: Path) -> list[tuple]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT doc_key, published, title, n_events, n_quotes FROM documents "
                           "WHERE status = 'stored' ORDER BY 1").fetchall()


def _timed(paths: list[str], db: Path, workers: int):
    start = time.perf_counter()
    report = ingest(paths, str(db), workers=workers)
    return report, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="warc-bench-"))
    items = pages(args.pages)
    truncated = args.pages // 2
    extras = max(1, args.pages // 50)
    warc = work / "crawl.warc.gz"
    written = write_warc(warc, items, "https://news.example", pdfs=extras, redirects=extras,
                         truncate=truncated)
    kept = [p for i, p in enumerate(items) if i != truncated]
    write_jsonl(kept, work / "pages.jsonl", "https://news.example")
    write_html_files(kept, work / "html")
    responses = written["html"] + written["pdf"] + written["redirect"] + 1

    write_jsonl(kept[:20], work / "warmup.jsonl", "https://news.example")
    _timed([str(work / "warmup.jsonl")], work / "warmup.duckdb", args.workers)  # imports, caches
    warc_times, jsonl_times, report = [], [], None
    for n in range(args.repeat):
        report, seconds = _timed([str(warc)], work / f"warc{n}.duckdb", args.workers)
        warc_times.append(seconds)
        _, seconds = _timed([str(work / "pages.jsonl")], work / f"jsonl{n}.duckdb", args.workers)
        jsonl_times.append(seconds)
    html_report, html_seconds = _timed([str(work / "html")], work / "html.duckdb", args.workers)

    from_warc = {t: _rows(work / "warc0.duckdb", t, o) for t, o in ROW_TABLES.items()}
    equal = {t: from_warc[t] == _rows(work / "html.duckdb", t, o) for t, o in ROW_TABLES.items()}
    equal["documents (date, title, counts)"] = _documents(work / "warc0.duckdb") == _documents(work / "html.duckdb")
    counts = {t: len(rows) for t, rows in from_warc.items()}
    warc_rate = len(kept) / min(warc_times)
    jsonl_rate = len(kept) / min(jsonl_times)
    print(json.dumps({
        "warc": {"bytes": warc.stat().st_size, "http_responses": responses,
                 "html_pages": written["html"], "pdf": written["pdf"], "redirects": written["redirect"],
                 "truncated_at_offset": written["truncated_offset"],
                 "request_records": written["request"], "warcinfo_records": 1},
        "ingest": {"stored": report.stored, "skipped": report.skipped, "failed": report.failed,
                   "adds_up": report.stored + report.skipped + report.failed == responses,
                   "events": report.events, "quotes": report.quotes},
        "html_files": {"stored": html_report.stored, "failed": html_report.failed,
                       "seconds": round(html_seconds, 1)},
        "rows": counts, "rows_equal_html_files": equal,
        "seconds": {"warc": [round(s, 1) for s in warc_times], "jsonl": [round(s, 1) for s in jsonl_times]},
        "pages_per_second": {"warc": round(warc_rate, 1), "jsonl_html_field": round(jsonl_rate, 1)},
        "throughput_ratio_warc_over_jsonl": round(warc_rate / jsonl_rate, 3),
    }, indent=1))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
