#!/usr/bin/env python3
"""Ingest at volume: N synthetic articles with --workers W into a fresh store.

    python bench/ingest_scale.py [--articles 20000] [--workers 2] [--kill-at 0.5]

Prints, as one JSON line: articles/s and peak RSS (the ingest process and its workers), the
rows a second ingest of the same files adds (should be 0), and whether a run killed with
SIGKILL part-way and started again ends with exactly the rows of the clean run.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import psutil

TABLES = ("documents", "sentences", "actors", "events", "quotes")


def counts(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    out["fingerprint"] = con.execute(
        "SELECT hash(string_agg(event_id || cameo || coalesce(target_code, ''), ',' "
        "ORDER BY event_id)) FROM events").fetchone()[0]
    con.close()
    return out


def run(cmd, kill_after: float | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, the process tree summed) of one ingest."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    peak = 0.0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(c.memory_info().rss for c in ps.children(recursive=True))
            peak = max(peak, rss / 1e6)
        except psutil.Error:
            pass
        if kill_after is not None and time.perf_counter() - start > kill_after:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            break
        time.sleep(0.2)
    return time.perf_counter() - start, peak


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--kill-at", type=float, default=0.5, help="fraction of the clean run's time")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="dyadwatch-bench-"))
    corpus = tmp / "corpus.jsonl"
    from dyadwatch.io import synth

    synth.write_jsonl(synth.corpus(args.articles, 4, seed=1), str(corpus))
    base = [sys.executable, "-m", "dyadwatch", "ingest", str(corpus), "--workers", str(args.workers)]
    clean = tmp / "clean.duckdb"
    seconds, peak = run(base + ["--db", str(clean)])
    first = counts(clean)
    again_s, _ = run(base + ["--db", str(clean)])
    second = counts(clean)
    killed = tmp / "killed.duckdb"
    run(base + ["--db", str(killed)], kill_after=seconds * args.kill_at)
    partial = counts(killed)["documents"]
    run(base + ["--db", str(killed)])
    resumed = counts(killed)
    result = {
        "articles": args.articles, "workers": args.workers, "seconds": round(seconds, 1),
        "articles_per_s": round(args.articles / seconds, 1), "peak_rss_mb": round(peak),
        "rows": {t: first[t] for t in TABLES},
        "second_ingest_rows_added": sum(second[t] - first[t] for t in TABLES),
        "second_ingest_seconds": round(again_s, 1),
        "killed_after_documents": partial,
        "resumed_equals_clean": resumed == first,
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
