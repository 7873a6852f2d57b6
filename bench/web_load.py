#!/usr/bin/env python3
"""200 concurrent requests against the dashboard's API on loopback: latency percentiles,
with the response cache off and on, side by side.

    python bench/web_load.py [--db FILE.duckdb] [--requests 200] [--concurrency 200]
                             [--modes nocache,cold,cache]

Without --db a store of 2,000 synthetic articles is built first. Each mode starts its own
server process (uvicorn, one worker, `create_app` as `dyadwatch serve` builds it) and sends
the 10 paths below in turn:

- `nocache`: the response cache off (`cache_entries=0`): every request queries the store;
- `cold`: the cache on and empty: the first request of each path queries the store, the
  requests for the same path that arrive meanwhile wait for it;
- `cache`: the cache on, each path asked once before (what a dashboard in use sees).

For each mode also each path alone (`alone_ms`: median of 5 sequential calls, after the
load, over one kept-alive connection; with the cache on these are answers from the cache).

The 200 requests are sent by a minimal asyncio HTTP/1.1 client (`--client raw`, one
connection per request, gzip accepted as a browser does): httpx.AsyncClient (`--client
httpx`) spends about 1.5 s of CPU on 200 requests, more than a cached server does, and on a
2-core machine that client's own work then dominates the latencies it reports.
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
         "/api/events?source=USA&target=RUS&dyad=true&limit=50",
         "/api/events?source=USA&target=RUS&dyad=true&quad_class=4&since=2021-03-01&until=2021-03-31",
         "/api/quotes?limit=50", "/api/network", "/api/search?q=sanctions",
         "/api/events?root=19&limit=100", "/api/events?mentions=true&root=19&limit=100"]
MODES = {"nocache": (0, True), "cold": (256, False), "cache": (256, True)}  # entries, warm-up
SERVER = ("import sys, uvicorn; from dyadwatch.web.app import create_app; "
          "uvicorn.run(create_app(sys.argv[1], cache_entries=int(sys.argv[3])), "
          "host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def get_raw(host: str, port: int, path: str) -> None:
    """One GET on its own connection, as a browser asks (gzip accepted), read to the end of
    the body; a minimal HTTP/1.1 client, so that the load generator (on the same cores as
    the server) costs little next to what it measures."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Encoding: gzip\r\n"
                     f"Connection: close\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        if status != 200:
            raise RuntimeError(f"{path}: HTTP {status}")
        length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), None)
        await (reader.readexactly(length) if length is not None else reader.read())
    finally:
        writer.close()


async def hammer_raw(base: str, n: int, concurrency: int) -> list[float]:
    host, port = base.removeprefix("http://").split(":")
    sem = asyncio.Semaphore(concurrency)

    async def one(i):
        async with sem:
            start = time.perf_counter()
            await get_raw(host, int(port), PATHS[i % len(PATHS)])
            return time.perf_counter() - start
    return await asyncio.gather(*(one(i) for i in range(n)))


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


def run(command: list[str], port: int, requests: int, concurrency: int, warm: bool,
        client: str = "raw") -> dict:
    """Start the server `command` (listening on `port`), load it, stop it."""
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/openapi.json", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        with httpx.Client(base_url=base, timeout=60) as session:
            if warm:
                for path in PATHS:
                    session.get(path).raise_for_status()
            start = time.perf_counter()
            load = hammer_raw if client == "raw" else hammer
            latencies = sorted(asyncio.run(load(base, requests, concurrency)))
            wall = time.perf_counter() - start
            alone = {}
            for path in PATHS:
                times = []
                for _ in range(5):
                    t = time.perf_counter()
                    session.get(path).raise_for_status()
                    times.append(time.perf_counter() - t)
                alone[path] = round(1000 * sorted(times)[2], 1)
    finally:
        server.terminate()
        server.wait()
    pct = lambda p: round(1000 * latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))], 1)
    return {"requests": len(latencies), "concurrency": concurrency, "wall_s": round(wall, 2),
            "requests_per_s": round(len(latencies) / wall, 1), "p50_ms": pct(50),
            "p90_ms": pct(90), "p99_ms": pct(99), "max_ms": round(1000 * latencies[-1], 1),
            "alone_ms": alone}


def table(results: dict[str, dict]) -> str:
    """The modes side by side: percentiles, then each path alone."""
    names = list(results)
    lines = [f"{'':<44}" + "".join(f"{n:>12}" for n in names)]
    for key in ("p50_ms", "p90_ms", "p99_ms", "max_ms", "requests_per_s"):
        lines.append(f"{key:<44}" + "".join(f"{results[n][key]:>12}" for n in names))
    lines.append("alone (ms):")
    for path in PATHS:
        short = path if len(path) <= 43 else path[:40] + "..."
        lines.append(f" {short:<43}" + "".join(f"{results[n]['alone_ms'][path]:>12}" for n in names))
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=200)
    ap.add_argument("--modes", default="nocache,cold,cache")
    ap.add_argument("--client", choices=("raw", "httpx"), default="raw",
                    help="raw: a minimal HTTP/1.1 client (default); httpx: httpx.AsyncClient, "
                         "which on a 2-core machine spends more CPU than a cached server")
    args = ap.parse_args(argv)
    db = args.db
    if db is None:
        from dyadwatch.engines.local import ingest
        from dyadwatch.io import synth

        tmp = Path(tempfile.mkdtemp())
        synth.write_jsonl(synth.corpus(2000, 4, seed=4), str(tmp / "c.jsonl"))
        db = str(tmp / "load.duckdb")
        ingest([str(tmp / "c.jsonl")], db, workers=2)
    results = {}
    for mode in args.modes.split(","):
        entries, warm = MODES[mode]
        port = free_port()
        command = [sys.executable, "-c", SERVER, db, str(port), str(entries)]
        results[mode] = run(command, port, args.requests, args.concurrency, warm,
                            client=args.client)
        print(json.dumps({"mode": mode, **results[mode]}), flush=True)
    print(table(results))


if __name__ == "__main__":
    main()
