#!/usr/bin/env python3
"""Memory while ingesting N synthetic articles in one run: RSS of the ingest process and its
workers at 1k, 5k, 10k and 20k articles. Streaming keeps it flat.

    python bench/rss_curve.py [--articles 20000] [--workers 2]
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import psutil

from dyadwatch.engines.local import ingest
from dyadwatch.io import synth

MARKS = (1000, 5000, 10000, 20000)


def tree_rss_mb() -> float:
    me = psutil.Process()
    return round(sum(p.memory_info().rss for p in [me] + me.children(recursive=True)) / 1e6)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="dyadwatch-rss-"))
    corpus = tmp / "corpus.jsonl"
    synth.write_jsonl(synth.corpus(args.articles, 4, seed=2), str(corpus))
    curve, marks, last = {}, [m for m in MARKS if m <= args.articles], {}

    def sample(report):
        done = report.stored + report.failed + report.skipped
        last["rss"] = tree_rss_mb()  # ingest writes every batch while its workers live
        while marks and done >= marks[0]:
            curve[marks.pop(0)] = last["rss"]

    report = ingest([str(corpus)], str(tmp / "rss.duckdb"), workers=args.workers, on_batch=sample)
    done = report.stored + report.failed + report.skipped
    for m in marks:  # duplicate texts in the corpus leave the last mark a few documents short
        curve[m] = last["rss"]
    print(json.dumps({"articles": args.articles, "processed": done, "workers": args.workers,
                      "rss_mb_at": curve}))


if __name__ == "__main__":
    main()
