#!/usr/bin/env python3
"""The Dask engine with 1 worker against 2 workers on the same articles, in one run.

    python bench/dask_scaling.py [--articles 2000]

Each run writes a fresh Parquet lake from the same synthetic corpus with a LocalCluster of
that many single-threaded worker processes (cluster start-up included). Prints articles/s of
each, their ratio, and articles/s per core, the figure the README's sizing estimate uses.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from dyadwatch.engines.dask import ingest_dask
from dyadwatch.io import synth


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="dyadwatch-dask-"))
    corpus = tmp / "corpus.jsonl"
    synth.write_jsonl(synth.corpus(args.articles, 4, seed=9), str(corpus))
    rates = {}
    for workers in (1, 2):
        start = time.perf_counter()
        totals = ingest_dask([str(corpus)], str(tmp / f"lake{workers}"), workers=workers,
                             partition_docs=100)
        rates[workers] = totals["documents"] / (time.perf_counter() - start)
    print(json.dumps({"articles": args.articles, "articles_per_s_1_worker": round(rates[1], 1),
                      "articles_per_s_2_workers": round(rates[2], 1),
                      "speedup_2_over_1": round(rates[2] / rates[1], 2),
                      "articles_per_s_per_core": round(rates[2] / 2, 1)}))


if __name__ == "__main__":
    main()
