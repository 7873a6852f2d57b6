#!/usr/bin/env python3
"""Ingest at volume: N synthetic articles into a fresh store, with 1 worker and with W, in one
run; then idempotence and a SIGKILL half-way.

    python bench/ingest_scale.py [--articles 4000] [--workers 2] [--rounds 2] [--kill-at 0.5]
                                 [--no-kill]

Each ingest runs in its own process (`engines.local.ingest`, what `dyadwatch ingest` calls)
and reports the time of every committed batch, from which this prints, for 1 and for W workers:

- steady state: documents/s between the commits at about 20% and 90% of the corpus (the model
  and the knowledge loaded, every worker busy), and the whole run's documents/s;
- start-up: the seconds the run spent beyond documents / steady rate (loading, warming up);
- memory when half the corpus is stored: RSS, USS (private) and PSS (shared pages split
  between the processes sharing them) of the main process and of each worker; an extra
  worker costs about its USS;
- the CPU milliseconds per document in the steady state (all processes of the run) and the
  cores the run got: on a shared machine the rate follows what the others leave, the CPU per
  document hardly changes, so `quiet_machine_estimate` (W x one worker's CPU per document / W
  workers') is what W idle cores would give;
- the ratios W / 1 of each, the load averages before and after each run, and the cores that
  as many busy loops as the run has workers got just before it. Runs alternate
  1, W, W, 1 (`--rounds`) so that a drift in the load cancels out; the ratios are of the sums.

Then, with W workers through the CLI: the rows a second ingest of the same file adds (should
be 0), and whether a run killed with SIGKILL part-way and started again ends with exactly the
rows of the clean run. Prints one JSON line.
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


def process_memory(p: psutil.Process) -> dict:
    """RSS, USS and PSS (MB) of one process."""
    m = p.memory_full_info()
    return {"rss": round(m.rss / 1e6), "uss": round(m.uss / 1e6), "pss": round(m.pss / 1e6)}


def memory(pid: int) -> dict:
    """RSS, USS and PSS (MB) of a process and of each of its children."""
    me = psutil.Process(pid)
    return {"main": process_memory(me),
            "workers": [process_memory(c) for c in me.children(recursive=True)]}


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds the processes have used so far."""
    total = 0.0
    for pid in pids:
        try:
            t = psutil.Process(pid).cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def one_run(args) -> None:
    """Child side: ingest, printing the (time, documents done) of every commit as JSON."""
    from dyadwatch.engines.local import ingest

    start, timeline, mem = float(args.start), [], {}
    me = psutil.Process()

    def on_batch(report):
        done = report.stored + report.failed + report.skipped
        pids = [me.pid] + [c.pid for c in me.children(recursive=True)]
        timeline.append((time.time() - start, done, cpu_seconds(pids)))
        if not mem and done >= args.articles / 2:
            mem.update(memory(os.getpid()))

    ingest([args.corpus], args.db, workers=args.workers, on_batch=on_batch)
    print(json.dumps({"timeline": timeline, "memory": mem}))


def steady(timeline: list, total: int) -> dict:
    """Steady-state rate between the commits at ~20% and ~90%, start-up, whole-run rate; and
    the CPU milliseconds per document in the steady state, all processes of the run together
    (other load on the machine hardly changes it: with W workers on W idle cores the rate
    would be W x one worker's CPU per document / this)."""
    a = next(p for p in timeline if p[1] >= 0.2 * total)
    b = [p for p in timeline if p[1] <= 0.9 * total and p[0] > a[0]][-1]
    rate = (b[1] - a[1]) / (b[0] - a[0])
    end = timeline[-1]
    return {"steady_docs_per_s": round(rate, 1), "startup_s": round(a[0] - a[1] / rate, 1),
            "whole_run_docs_per_s": round(end[1] / end[0], 1), "wall_s": round(end[0], 1),
            "steady_cpu_ms_per_doc": round(1e3 * (b[2] - a[2]) / (b[1] - a[1]), 2),
            "steady_cores_used": round((b[2] - a[2]) / (b[0] - a[0]), 2),
            "window": [a[1], b[1]]}


def _burn(seconds: float) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        pass
    return time.process_time() - cpu


def busy_cores(processes: int, seconds: float = 3.0) -> float:
    """The cores `processes` busy loops get now: what the other users leave to a run."""
    import multiprocessing as mp

    with mp.get_context("fork").Pool(processes) as pool:
        return round(sum(pool.map(_burn, [seconds] * processes)) / seconds, 2)


def measured(corpus: Path, db: Path, workers: int, articles: int) -> dict:
    cores = busy_cores(workers)
    before = os.getloadavg()
    cmd = [sys.executable, __file__, "--one", str(corpus), str(db), "--workers", str(workers),
           "--articles", str(articles), "--start", repr(time.time())]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    child = json.loads(out.stdout.strip().splitlines()[-1])
    return {**steady(child["timeline"], articles), "memory_mb": child["memory"],
            "busy_loops_got_cores_before": cores, "load_before": [round(x, 2) for x in before],
            "load_after": [round(x, 2) for x in os.getloadavg()]}


def run(cmd, kill_after: float | None = None) -> float:
    """Wall seconds of one CLI ingest (killed with SIGKILL after `kill_after` s, if given)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    while proc.poll() is None:
        if kill_after is not None and time.perf_counter() - start > kill_after:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            break
        time.sleep(0.2)
    return time.perf_counter() - start


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=4000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--kill-at", type=float, default=0.5, help="fraction of the clean run's time")
    ap.add_argument("--rounds", type=int, default=2, help="runs of each, alternating")
    ap.add_argument("--no-kill", action="store_true", help="scaling only")
    ap.add_argument("--one", nargs=2, metavar=("CORPUS", "DB"), help=argparse.SUPPRESS)
    ap.add_argument("--start", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        args.corpus, args.db = args.one
        return one_run(args)
    tmp = Path(tempfile.mkdtemp(prefix="dyadwatch-bench-"))
    corpus = tmp / "corpus.jsonl"
    from dyadwatch.io import synth

    synth.write_jsonl(synth.corpus(args.articles, 4, seed=1), str(corpus))
    order = [1, args.workers, args.workers, 1] * (args.rounds // 2) + [1, args.workers] * (args.rounds % 2)
    runs: dict[int, list[dict]] = {1: [], args.workers: []}
    for i, w in enumerate(order):  # 1, W, W, 1, ...: a drift in the load cancels out
        runs[w].append(measured(corpus, tmp / f"w{w}-{i}.duckdb", w, args.articles))
    pairs = list(zip(runs[1], runs[args.workers]))

    def ratios(key: str) -> list[float]:
        return [round(m[key] / o[key], 2) for o, m in pairs]

    def total(w: int, key: str) -> float:
        return sum(r[key] for r in runs[w])

    many = runs[args.workers][-1]
    result = {
        "articles": args.articles, "workers": args.workers, "rounds": len(pairs), "runs": runs,
        "ratio_steady": round(total(args.workers, "steady_docs_per_s")
                              / total(1, "steady_docs_per_s"), 2),
        "ratio_steady_each_round": ratios("steady_docs_per_s"),
        "ratio_whole_run": round(total(args.workers, "whole_run_docs_per_s")
                                 / total(1, "whole_run_docs_per_s"), 2),
        "ratio_startup": round(total(args.workers, "startup_s") / max(total(1, "startup_s"), 0.1), 2),
        "ratio_cores_used": ratios("steady_cores_used"),
        "ratio_cpu_per_doc": round(total(args.workers, "steady_cpu_ms_per_doc")
                                   / total(1, "steady_cpu_ms_per_doc"), 3),
        "quiet_machine_estimate": round(min(args.workers, os.cpu_count() or 1)
                                        * total(1, "steady_cpu_ms_per_doc")
                                        / total(args.workers, "steady_cpu_ms_per_doc"), 2),
        "uss_mb_per_worker": [w["uss"] for w in many["memory_mb"]["workers"]],
        "pss_mb_total": {w: rs[-1]["memory_mb"]["main"]["pss"] + sum(
            p["pss"] for p in rs[-1]["memory_mb"]["workers"]) for w, rs in runs.items()},
        "same_rows": counts(tmp / "w1-0.duckdb") == counts(tmp / f"w{args.workers}-1.duckdb"),
    }
    if not args.no_kill:
        result.update(kill_and_resume(corpus, tmp, args))
    print(json.dumps(result))
    return result


def kill_and_resume(corpus: Path, tmp: Path, args) -> dict:
    base = [sys.executable, "-m", "dyadwatch", "ingest", str(corpus), "--workers", str(args.workers)]
    clean = tmp / "clean.duckdb"
    seconds = run(base + ["--db", str(clean)])
    first = counts(clean)
    again_s = run(base + ["--db", str(clean)])
    second = counts(clean)
    killed = tmp / "killed.duckdb"
    run(base + ["--db", str(killed)], kill_after=seconds * args.kill_at)
    partial = counts(killed)["documents"] if killed.exists() else 0
    run(base + ["--db", str(killed)])
    resumed = counts(killed)
    return {"cli_seconds": round(seconds, 1), "rows": {t: first[t] for t in TABLES},
            "second_ingest_rows_added": sum(second[t] - first[t] for t in TABLES),
            "second_ingest_seconds": round(again_s, 1), "killed_after_documents": partial,
            "resumed_equals_clean": resumed == first}


if __name__ == "__main__":
    main()
