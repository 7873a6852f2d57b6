#!/usr/bin/env python3
"""200 concurrent requests against `dyadwatch serve` on loopback: latency percentiles.

    python bench/web_load.py [--db FILE.duckdb] [--requests 200] [--concurrency 200]

Without --db a store of 2,000 synthetic articles is built first. The server runs in its own
process (uvicorn, one worker); the requests mix the dashboard's API calls.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

PATHS = ["/api/summary", "/api/dyads", "/api/relations?a=USA&b=RUS&by=month",
         "/api/events?source=USA&target=RUS&limit=50", "/api/quotes?limit=50", "/api/network",
         "/api/search?q=sanctions", "/api/events?root=19&limit=100"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def hammer(base: str, n: int, concurrency: int) -> list[float]:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    sem = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        async def one(i):
            async with sem:
                start = time.perf_counter()
                r = await client.get(PATHS[i % len(PATHS)])
                r.raise_for_status()
                return time.perf_counter() - start
        return await asyncio.gather(*(one(i) for i in range(n)))


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=200)
    args = ap.parse_args(argv)
    db = args.db
    if db is None:
        from dyadwatch.engines.local import ingest
        from dyadwatch.io import synth

        tmp = Path(tempfile.mkdtemp())
        synth.write_jsonl(synth.corpus(2000, 4, seed=4), str(tmp / "c.jsonl"))
        db = str(tmp / "load.duckdb")
        ingest([str(tmp / "c.jsonl")], db, workers=2)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "dyadwatch", "serve", "--db", db, "--port",
                               str(port)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/api/summary", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        start = time.perf_counter()
        latencies = sorted(asyncio.run(hammer(base, args.requests, args.concurrency)))
        wall = time.perf_counter() - start
    finally:
        server.terminate()
    pct = lambda p: round(1000 * latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))], 1)
    print(json.dumps({"requests": len(latencies), "concurrency": args.concurrency,
                      "wall_s": round(wall, 2), "requests_per_s": round(len(latencies) / wall, 1),
                      "p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99),
                      "max_ms": round(1000 * latencies[-1], 1)}))


if __name__ == "__main__":
    main()
