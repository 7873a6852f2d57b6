"""Test data for web archives and `watch`: synthetic news pages (from `dyadwatch.io.synth`),
written as HTML, as JSON Lines, or into a WARC.gz with the records a crawl also holds
(requests, a warcinfo, redirects, PDFs, a truncated record). Used by tests/test_warc.py,
tests/test_watch.py and bench/warc_ingest.py."""
from __future__ import annotations

import html
import io
import json
from pathlib import Path

from dyadwatch.io import synth


def pages(n: int, seed: int = 11) -> list[dict]:
    """n news pages: id, path, html, published, title (each a different synthetic article,
    with two more paragraphs so it reads as a page)."""
    out = []
    for i, doc in enumerate(synth.corpus(n, reports_per_event=2, seed=seed)):
        slug = f"{doc['id']}-{i}"
        paragraphs = [doc["text"],
                      "Diplomats from both governments declined to comment on the talks, and "
                      "officials said further statements were expected later in the week.",
                      f"This is report number {i} in the series, filed by the {slug} desk."]
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
        page = (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(doc['title'])}"
                f"</title>\n<meta property=\"article:published_time\" content=\"{doc['published']}\">"
                f"</head>\n<body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\n"
                f"<article><h1>{html.escape(doc['title'])}</h1>\n{body}</article>\n"
                f"<footer>Copyright the newsroom</footer></body></html>\n")
        out.append({"id": slug, "path": f"/news/{slug}.html", "html": page,
                    "published": doc["published"], "title": doc["title"]})
    return out


def write_html_files(items: list[dict], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for p in items:
        (folder / f"{p['id']}.html").write_text(p["html"], encoding="utf-8")


def write_jsonl(items: list[dict], path: Path, base: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for p in items:
            fh.write(json.dumps({"id": p["id"], "html": p["html"], "url": base + p["path"]}) + "\n")


def _http(status: str, headers: list[tuple[str, str]]):
    from warcio.statusandheaders import StatusAndHeaders

    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


def write_warc(path: Path, items: list[dict], base: str = "https://news.example",
               pdfs: int = 0, redirects: int = 0, truncate: int | None = None,
               requests: bool = True) -> dict:
    """A WARC.gz of `items` as HTTP responses (each after its request record, when
    `requests`), a warcinfo record first, `pdfs` PDF responses and `redirects` 301s among
    them, and the response of item number `truncate` cut short. Returns what was written:
    counts by kind and the byte offset of the truncated record."""
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "dyadwatch tests"}))
    written = {"html": 0, "pdf": 0, "redirect": 0, "request": 0, "truncated_offset": None}
    extras = [("pdf", k) for k in range(pdfs)] + [("redirect", k) for k in range(redirects)]
    step = max(1, len(items) // max(1, len(extras))) if extras else 0
    queue: list[tuple[str, object]] = []
    for i, item in enumerate(items):
        queue.append(("html", (i, item)))
        if extras and i % step == step - 1:
            queue.append(extras.pop())
    queue += extras
    for kind, what in queue:
        if kind == "html":
            i, item = what
            url, payload = base + item["path"], item["html"].encode("utf-8")
            headers = _http("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                       ("Content-Length", str(len(payload)))])
        elif kind == "pdf":
            url, payload = f"{base}/files/report-{what}.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
            headers = _http("200 OK", [("Content-Type", "application/pdf"),
                                       ("Content-Length", str(len(payload)))])
        else:
            url, payload = f"{base}/old/{what}", b""
            headers = _http("301 Moved Permanently", [("Location", f"{base}/news/moved-{what}.html"),
                                                      ("Content-Length", "0")])
        if requests:
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                          http_headers=_http("GET / HTTP/1.1", [])))
            written["request"] += 1
        start = out.tell()
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                      http_headers=headers))
        if kind == "html" and what[0] == truncate:
            data = out.getvalue()
            out = io.BytesIO()
            out.write(data[:start + (len(data) - start) // 2])  # cut the gzip member in half
            writer.out = out
            written["truncated_offset"] = start
        else:
            written[kind] += 1
    path.write_bytes(out.getvalue())
    return written
