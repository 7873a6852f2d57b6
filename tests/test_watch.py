"""`dyadwatch watch`: feeds, sitemaps and URL lists polled against a real local HTTP server;
new articles fetched politely, coded and stored; every failure recorded with its reason; a
second round fetches nothing new; a SIGKILLed run resumes with nothing lost or doubled."""
from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest import run_cli
from news_pages import pages
from news_server import NewsServer, Route, news_sitemap, rss

from dyadwatch.engines.watch import WatchSettings, watch
from dyadwatch.io.feeds import normalise_url, parse_listing
from dyadwatch.io.fetch import Fetcher, FetchSettings

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
INTERVAL = 0.2  # seconds between two requests to the host, in these tests


class UnknownHosts(httpx.BaseTransport):
    """The real transport, except that hosts under .invalid do not resolve (as DNS says), so
    the test needs no resolver."""

    def __init__(self):
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request):
        if request.url.host.endswith(".invalid"):
            raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)
        return self.inner.handle_request(request)

    def close(self):
        self.inner.close()


def _serve_site(server: NewsServer, items: list[dict]) -> None:
    base = server.base
    for p in items:
        server.routes[p["path"]] = Route(p["html"].encode())
    server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.routes["/private/secret.html"] = Route(items[0]["html"].encode())
    server.routes["/news/copy.html"] = Route(items[0]["html"].encode())  # same text, another URL
    server.routes["/slow.html"] = Route(items[1]["html"].encode(), delay=1.5)
    server.routes["/moved.html"] = Route(b"", 301, headers={"Location": items[2]["path"]})
    server.routes["/missing.html"] = Route(b"gone", 404)
    server.routes["/broken.html"] = Route(b"oops", 500)
    server.routes["/huge.html"] = Route(b"<html><body><p>" + b"word " * 400_000 + b"</p></body></html>")
    server.routes["/report.pdf"] = Route(PDF, content_type="application/pdf")
    server.routes["/paywall.html"] = Route(b"<html><body><article><p>Subscribe to continue reading "
                                           b"this story.</p></article></body></html>")
    server.routes["/script-only.html"] = Route(b"<html><body><script>render()</script></body></html>")
    feed_links = [items[0]["path"] + "?utm_source=rss&utm_medium=feed#comments", items[1]["path"],
                  "/news/copy.html", "/private/secret.html", "/slow.html", "/moved.html",
                  "/missing.html", "/broken.html"]
    server.routes["/feed.xml"] = Route(rss(base, feed_links), content_type="application/rss+xml",
                                       etag='"feed-v1"')
    sitemap_links = [items[0]["path"], items[3]["path"], "/huge.html", "/report.pdf",
                     "/paywall.html", "/script-only.html"]
    server.routes["/news-sitemap.xml"] = Route(news_sitemap(base, sitemap_links),
                                               content_type="application/xml", etag='"map-v1"')


def _gdelt_events_file(path: Path, urls: list[str]) -> None:
    """Rows shaped as GDELT 2.0 events (61 tab-separated columns, DATEADDED and SOURCEURL last)."""
    rows = []
    for n, url in enumerate(urls):
        cells = [str(1000 + n), "20210906"] + [""] * 57 + ["20210907120000", url]
        rows.append("\t".join(cells))
    path.write_text("\n".join(rows) + "\n")


def _settings(server: NewsServer, db: Path, url_list: Path, **kw) -> WatchSettings:
    fetch = FetchSettings(timeout=0.5, retries=1, backoff=0.05, max_bytes=1_000_000,
                          host_interval=INTERVAL, host_concurrency=1)
    return WatchSettings((f"{server.base}/feed.xml", f"{server.base}/news-sitemap.xml", str(url_list)),
                         str(db), fetch=fetch, min_words=20, **kw)


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    root = tmp_path_factory.mktemp("watch")
    items = pages(8)
    with NewsServer() as server:
        _serve_site(server, items)
        url_list = root / "events.export.CSV"
        _gdelt_events_file(url_list, [server.base + items[4]["path"], server.base + items[4]["path"],
                                      server.base + items[5]["path"], "http://unknown-host.invalid/a.html"])
        db = root / "news.duckdb"
        settings = _settings(server, db, url_list)
        lines: list[str] = []
        with Fetcher(settings.fetch, transport=UnknownHosts()) as fetcher:
            first = watch(settings, once=True, fetcher=fetcher, status=lines.append)[0]
            after_first = len(server.log)
            second = watch(settings, once=True, fetcher=fetcher, status=lines.append)[0]
        log = list(server.log)
        yield {"db": db, "items": items, "base": server.base, "first": first, "second": second,
               "log": log, "after_first": after_first, "lines": lines}


def _documents(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT status, doc_id, url, outlet, origin, reason, published FROM documents "
                           "ORDER BY origin").fetchall()


def test_new_articles_are_stored_with_their_url_and_outlet(rounds):
    base, items = rounds["base"], rounds["items"]
    stored = {row[2]: row for row in _documents(rounds["db"]) if row[0] == "stored"}
    # pages 0-5 (0 via the feed, the sitemap and a copy; 1 from the feed, and again behind a
    # slow URL; 2 through a redirect; 4 and 5 from the GDELT file)
    expected = {normalise_url(base + items[n]["path"]) for n in (0, 1, 3, 4, 5)} | {base + items[2]["path"]}
    assert set(stored) == expected
    assert {row[3] for row in stored.values()} == {"127.0.0.1"}
    first = stored[base + items[0]["path"]]
    assert first[1] == items[0]["id"] and first[6] is not None
    assert rounds["first"].ingest.stored == 6


def test_the_same_text_under_two_urls_and_tracking_parameters_are_stored_once(rounds):
    base, items = rounds["base"], rounds["items"]
    paths = [p for _, p, _ in rounds["log"]]
    assert sum(p.startswith(items[0]["path"]) for p in paths) == 1  # feed (with utm_) and sitemap
    assert "/news/copy.html" in paths
    with duckdb.connect(str(rounds["db"]), read_only=True) as con:
        keys = con.execute("SELECT url, doc_key FROM watch_urls WHERE url IN (?, ?)",
                           [base + "/news/copy.html", base + items[0]["path"]]).fetchall()
    assert len(keys) == 2 and keys[0][1] == keys[1][1]


def test_every_failure_class_is_recorded_with_its_reason(rounds):
    base = rounds["base"]
    reasons = {row[4]: (row[0], row[5]) for row in _documents(rounds["db"]) if row[0] != "stored"}
    expect = {
        "/slow.html": "timeout", "/missing.html": "HTTP 404", "/broken.html": "HTTP 500",
        "/huge.html": "too large", "/report.pdf": "not HTML (application/pdf)",
        "/paywall.html": "too little text", "/script-only.html": "empty extraction",
        "/private/secret.html": "disallowed by",
    }
    for path, words in expect.items():
        status, reason = reasons[base + path]
        assert words in reason, (path, reason)
        assert status == ("skipped" if path.startswith("/private/") else "failed")
    assert "DNS: host unknown-host.invalid not found" in reasons["http://unknown-host.invalid/a.html"][1]
    out = run_cli("failures", "--db", str(rounds["db"]), "--format", "csv")
    assert out.returncode == 0 and b"HTTP 404" in out.stdout and b"DNS" in out.stdout


def test_robots_txt_is_obeyed_and_the_rate_limit_kept(rounds):
    log = rounds["log"]
    paths = [p for _, p, _ in log]
    assert "/private/secret.html" not in paths
    assert paths[0] == "/robots.txt"
    times = [t for t, _, _ in log]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= INTERVAL * 0.9, gaps
    assert all(h.get("User-Agent", "").startswith("dyadwatch/") for _, _, h in log)


def test_a_second_round_fetches_nothing_new(rounds):
    second, items = rounds["second"], rounds["items"]
    again = rounds["log"][rounds["after_first"]:]
    paths = [p for _, p, _ in again]
    # robots.txt once, both listings answered 304 (conditional GET), and only the URLs that
    # failed for a passing reason (timeout, 500) tried again: no article stored is fetched
    assert paths.count("/robots.txt") == 1
    listings = [(p, h.get("If-None-Match")) for _, p, h in again if p in ("/feed.xml", "/news-sitemap.xml")]
    assert sorted(listings) == [("/feed.xml", '"feed-v1"'), ("/news-sitemap.xml", '"map-v1"')]
    assert second.not_modified == 2 and second.new_urls == 0
    assert second.retried == 3  # the timeout, the 500 and the DNS failure
    articles = set(paths) - {"/robots.txt", "/feed.xml", "/news-sitemap.xml"}
    assert articles == {"/slow.html", "/broken.html"}
    assert not any(p["path"] in paths for p in items)
    assert second.ingest.stored == 0
    assert any(line.startswith("round 1: 3 sources") for line in rounds["lines"])


def test_listings_of_each_kind_are_read():
    feed = parse_listing(rss("http://x.test", ["/a", "/b", "/a#frag"]))
    assert [e.url for e in feed.entries] == ["http://x.test/a", "http://x.test/b"]
    assert feed.entries[0].published == "2021-09-06"
    sitemap = parse_listing(news_sitemap("http://x.test", ["/c"]))
    assert sitemap.kind == "sitemap" and sitemap.entries[0].published == "2021-09-07"
    index = parse_listing(b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                          b'sitemap/0.9"><sitemap><loc>http://x.test/s1.xml</loc></sitemap></sitemapindex>')
    assert index.sitemaps == ["http://x.test/s1.xml"]
    gdelt = parse_listing(("\t".join(["1", "20210906"] + [""] * 57 + ["20210907120000", "http://x.test/g"])
                           + "\n").encode())
    assert gdelt.kind == "GDELT events" and gdelt.entries[0].published == "2021-09-07"
    table = parse_listing(b"GLOBALEVENTID,SOURCEURL\n1,http://x.test/d\n2,http://x.test/d\n")
    assert [e.url for e in table.entries] == ["http://x.test/d"]
    assert parse_listing(b"# mine\nhttp://x.test/e\nnot a url\n").kind == "URL list"
    assert parse_listing(b"<html><body>hello</body></html>").problem
    assert normalise_url("HTTP://Example.COM:80/a?id=3&utm_source=x&fbclid=y#top") == "http://example.com/a?id=3"


def test_sigkill_during_watch_then_restart_loses_and_doubles_nothing(tmp_path):
    items = pages(60, seed=5)
    with NewsServer() as server:
        for n, p in enumerate(items):  # the last 20 slow: the run is still fetching after its first commit
            server.routes[p["path"]] = Route(p["html"].encode(), delay=0.05 if n < 40 else 1.5)
        server.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")
        server.routes["/feed.xml"] = Route(rss(server.base, [p["path"] for p in items]),
                                           content_type="application/rss+xml")
        feed = f"{server.base}/feed.xml"
        common = ["--host-interval", "0", "--min-words", "20"]
        killed = tmp_path / "killed.duckdb"
        proc = subprocess.Popen([sys.executable, "-m", "dyadwatch", "watch", feed, "--db", str(killed),
                                 "--interval", "1", "--batch-docs", "16", *common],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        # killed right after its first committed batch, while the slow articles are in flight
        committed = ""
        guard = threading.Timer(180, proc.kill)  # a run that never commits fails, not hangs
        guard.start()
        for line in proc.stderr:
            if "stored so far" in line:
                committed = line
                break
        guard.cancel()
        assert committed, "watch ended without committing a batch"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        with duckdb.connect(str(killed), read_only=True) as con:  # killed part-way through
            before = con.execute("SELECT count(*) FROM documents WHERE status = 'stored'").fetchone()[0]
        assert 0 < before < 60, before
        for route in server.routes.values():  # the slow pages were only there to be in flight
            route.delay = 0
        resumed = run_cli("watch", feed, "--db", str(killed), "--once", *common)
        assert resumed.returncode == 0, resumed.stderr.decode()
        clean = tmp_path / "clean.duckdb"
        assert run_cli("watch", feed, "--db", str(clean), "--once", *common).returncode == 0
    order = {"documents": "doc_key", "events": "event_id", "sentences": "doc_key, sentence_index"}
    with duckdb.connect(str(killed), read_only=True) as a, duckdb.connect(str(clean), read_only=True) as b:
        for table, by in order.items():
            assert _table(a, table, by) == _table(b, table, by), table
        assert a.execute("SELECT count(*) FROM documents WHERE status = 'stored'").fetchone()[0] == 60


def _table(con, table: str, order: str) -> list[dict]:
    """A table's rows as dicts, without the time of ingest."""
    rows = con.execute(f"SELECT * FROM {table} ORDER BY {order}")
    names = [d[0] for d in rows.description]
    return [{k: v for k, v in zip(names, row) if k != "ingested_at"} for row in rows.fetchall()]


def test_serve_shows_rows_written_after_it_started_without_blocking_the_writer(tmp_path):
    from fastapi.testclient import TestClient

    from dyadwatch.engines.local import ingest_documents
    from dyadwatch.io import synth
    from dyadwatch.records import InputDocument
    from dyadwatch.web.app import create_app

    docs = [InputDocument(d["id"], d["text"], d["published"], d["url"]) for d in synth.corpus(3, seed=3)]
    db = str(tmp_path / "live.duckdb")
    ingest_documents(docs[:1], db)
    client = TestClient(create_app(db))
    before = client.get("/api/summary").json()
    assert before["documents"] == 1 and before["last_updated"]
    time.sleep(1.1)  # ingested_at has whole seconds
    ingest_documents(docs[1:], db)  # as `watch` does between rounds: the page holds no lock
    after = client.get("/api/summary").json()
    assert after["documents"] == 3 and after["last_updated"] > before["last_updated"]
    assert client.get("/api/summary").headers.get("x-cache") == "hit"


def test_a_host_whose_robots_txt_cannot_be_read_is_not_fetched_that_round():
    with NewsServer() as server:
        server.routes["/robots.txt"] = Route(b"down", 503)
        server.routes["/a.html"] = Route(b"<html><body><p>hello</p></body></html>")
        settings = FetchSettings(retries=0, host_interval=0)
        with Fetcher(settings) as fetcher:
            got = fetcher.get(server.base + "/a.html", html_only=True)
        assert got.failure.startswith("robots.txt could not be read (HTTP 503") and got.transient
        assert server.paths() == ["/robots.txt"]
        server.routes["/robots.txt"] = Route(b"nothing here", 404)  # no robots.txt: no rules
        with Fetcher(settings) as fetcher:
            got = fetcher.get(server.base + "/a.html", html_only=True)
            last = fetcher.get(server.base + "/a.html", etag=None, last_modified="Mon, 06 Sep 2021 16:45:00 GMT")
        assert got.ok and got.body.startswith(b"<html>") and last.ok
        assert server.log[-1][2].get("If-Modified-Since") == "Mon, 06 Sep 2021 16:45:00 GMT"


def test_a_round_with_nothing_new_records_the_poll_and_loads_no_model(tmp_path, monkeypatch):
    import dyadwatch.engines.watch as watch_engine

    def no_ingest(*args, **kwargs):
        raise AssertionError("the pipeline was started for a round with nothing to code")

    monkeypatch.setattr(watch_engine, "ingest_documents", no_ingest)
    with NewsServer() as server:
        server.routes["/robots.txt"] = Route(b"", 404)
        server.routes["/feed.xml"] = Route(rss(server.base, []), content_type="application/rss+xml", etag='"e1"')
        db = tmp_path / "quiet.duckdb"
        settings = WatchSettings((f"{server.base}/feed.xml",), str(db),
                                 fetch=FetchSettings(host_interval=0))
        report = watch(settings, once=True, status=lambda line: None)[0]
    assert report.sources == 1 and report.new_urls == 0 and report.ingest.stored == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT feed, etag, outcome FROM watch_feeds").fetchall() == [
            (f"{server.base}/feed.xml", '"e1"', "0 entries")]
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
