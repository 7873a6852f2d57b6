"""The store the web tests read, built once per test session from what the package ships:
the bundled sample article, synthetic articles (several outlets per event) and a hostile
article whose markup must show as text; and a running server over it."""
from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

EVIL = ("<script>window.pwned = true; alert('x')</script> Germany imposed sanctions on Iran on "
        "Monday. <img src=x onerror=\"window.pwned=true\"> Iran condemned <b>Germany</b>.")


def build_store(folder: Path) -> Path:
    from dyadwatch.cli.extract import sample_article
    from dyadwatch.engines.local import ingest
    from dyadwatch.io import synth

    path = folder / "web.duckdb"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    text, published = sample_article()
    docs = [{"id": "sample", "text": text, "published": published,
             "url": "https://example.org/sample", "title": "Sample article"},
            {"id": "evil", "text": EVIL, "published": "2025-03-05"}]
    # without the closing credit line ("Reporting by the ... desk."), which the pipeline in
    # progress on this checkout takes as a reason to code nothing in the article
    docs += [{**d, "text": d["text"].rsplit(" Reporting by", 1)[0]} for d in synth.corpus(120, 4, seed=3)]
    with open(folder / "docs.jsonl", "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d) + "\n")
    ingest([str(folder / "docs.jsonl")], str(path))
    return path


def serve(app):
    """Run `app` with uvicorn on a free loopback port; returns (base url, server)."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}/", srv
