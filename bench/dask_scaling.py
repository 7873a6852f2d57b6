#!/usr/bin/env python3
"""The Dask engine with 1 worker against 2 workers, and against the local engine's one worker,
on the same articles, in one run.

    python bench/dask_scaling.py [--articles 4000] [--partition-docs 100] [--workers 2] [--rounds 2]

Each Dask run writes a fresh Parquet lake from the same synthetic corpus with a LocalCluster
of that many single-threaded worker processes. Reported separately for each: the cluster's
start-up (processes up), the engine's start-up (the seconds beyond documents / steady rate:
the worker plugin loading the pipeline, the first partitions) and the steady-state rate
(documents/s between the partitions finishing at about 20% and 90% of the corpus), the whole
run's rate, the workers' memory half-way (RSS, USS, PSS), and the load averages before and
after. The local engine's one worker (`bench/ingest_scale.py`'s measurement, into a DuckDB
file) runs on the same corpus for comparison. Ratios, measured in one run, are the figures
to compare on a shared machine; the CPU per document (all processes of a run, the client
and scheduler included) hardly depends on the load, and gives the quiet-machine estimate.
Runs go local, Dask 1, Dask W, then back (`--rounds`). Prints one JSON line.
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import psutil
from ingest_scale import (  # bench/ is on the path when run as a script
    busy_cores,
    cpu_seconds,
    measured,
    process_memory,
    steady,
)

from dyadwatch.engines.dask import ingest_dask
from dyadwatch.io import synth


def dask_run(corpus: Path, lake: Path, workers: int, articles: int, partition_docs: int) -> dict:
    from dask.distributed import Client, LocalCluster

    cores = busy_cores(workers)
    before = os.getloadavg()
    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        cluster_s = time.perf_counter() - start
        pids = list(client.run(os.getpid).values())
        here = [os.getpid()] + pids  # the client and the scheduler run in this process
        timeline, mem = [], []
        begin = time.perf_counter()

        def on_partition(totals):
            timeline.append((time.perf_counter() - begin, totals["documents"], cpu_seconds(here)))
            if not mem and totals["documents"] >= articles / 2:
                mem.extend(process_memory(psutil.Process(pid)) for pid in pids)

        totals = ingest_dask([str(corpus)], str(lake), client=client,
                             partition_docs=partition_docs, on_partition=on_partition)
    # a synthetic corpus can repeat a text: it is stored once
    distinct = len({json.loads(line)["text"] for line in open(corpus, encoding="utf-8")})
    assert totals["documents"] == distinct, totals
    return {"cluster_startup_s": round(cluster_s, 1), **steady(timeline, articles),
            "workers_memory_mb": mem, "busy_loops_got_cores_before": cores, "load_before": [round(x, 2) for x in before],
            "load_after": [round(x, 2) for x in os.getloadavg()]}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=4000)
    ap.add_argument("--partition-docs", type=int, default=100)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2, help="runs of each, there and back")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="dyadwatch-dask-"))
    corpus = tmp / "corpus.jsonl"
    synth.write_jsonl(synth.corpus(args.articles, 4, seed=9), str(corpus))
    w = args.workers
    order = ["local_1", "dask_1", f"dask_{w}"]
    order = (order + order[::-1]) * (args.rounds // 2) + order * (args.rounds % 2)
    runs: dict[str, list[dict]] = {name: [] for name in order}
    for i, name in enumerate(order):  # there and back: a drift in the load cancels out
        if name == "local_1":
            runs[name].append(measured(corpus, tmp / f"local-{i}.duckdb", 1, args.articles))
        else:
            runs[name].append(dask_run(corpus, tmp / f"lake-{i}", int(name[5:]), args.articles,
                                       args.partition_docs))

    def ratio(a: str, b: str, key: str, digits: int = 2) -> float:
        return round(sum(r[key] for r in runs[a]) / sum(r[key] for r in runs[b]), digits)

    print(json.dumps({
        "articles": args.articles, "partition_docs": args.partition_docs, "runs": runs,
        "ratio_steady_dask_2_over_1": ratio(f"dask_{w}", "dask_1", "steady_docs_per_s"),
        "ratio_whole_run_dask_2_over_1": ratio(f"dask_{w}", "dask_1", "whole_run_docs_per_s"),
        "ratio_steady_dask_1_over_local_1": ratio("dask_1", "local_1", "steady_docs_per_s"),
        "ratio_cpu_per_doc_dask_2_over_1": ratio(f"dask_{w}", "dask_1", "steady_cpu_ms_per_doc", 3),
        "ratio_cpu_per_doc_dask_1_over_local_1": ratio("dask_1", "local_1",
                                                       "steady_cpu_ms_per_doc", 3),
        "quiet_machine_estimate_dask_2_over_1": round(
            min(w, os.cpu_count() or 1) / ratio(f"dask_{w}", "dask_1", "steady_cpu_ms_per_doc", 3), 2),
        "articles_per_s_per_core": round(sum(r["steady_docs_per_s"] for r in runs[f"dask_{w}"])
                                         / len(runs[f"dask_{w}"]) / w, 1)}))


if __name__ == "__main__":
    main()
