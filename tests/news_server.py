"""A real local HTTP server for the `watch` tests: feeds, sitemaps, robots.txt, news pages,
and every way a fetch goes wrong (slow, redirect, 404, 500, huge, not HTML, paywall). Every
request is logged with its time, path and headers."""
from __future__ import annotations

import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


class Route:
    def __init__(self, body: bytes = b"", status: int = 200, content_type: str = "text/html; charset=utf-8",
                 headers: dict | None = None, delay: float = 0.0, etag: str | None = None):
        self.body, self.status, self.content_type = body, status, content_type
        self.headers, self.delay, self.etag = headers or {}, delay, etag


class NewsServer:
    """`routes[path] = Route(...)`; `log` holds (monotonic time, path, headers) per request."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[float, str, dict]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # http.server's name
                server.log.append((time.monotonic(), self.path, dict(self.headers)))
                route = server.routes.get(self.path) or server.routes.get(self.path.split("?")[0])
                if route is None:
                    route = Route(b"<html><body>not here</body></html>", 404)
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                if route.etag:
                    self.send_header("ETag", route.etag)
                    self.send_header("Last-Modified", formatdate(usegmt=True))
                for k, v in route.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):  # a client that hung up: expected
                pass

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> NewsServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self, since: int = 0) -> list[str]:
        return [p for _, p, _ in self.log[since:]]


def rss(base: str, links: list[str], title: str = "World news") -> bytes:
    items = "".join(f"<item><title>Story {n}</title><link>{escape(base + link)}</link>"
                    f"<pubDate>Mon, 06 Sep 2021 16:45:00 +0000</pubDate></item>"
                    for n, link in enumerate(links))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{base}/</link><description>news</description>{items}</channel></rss>").encode()


def news_sitemap(base: str, links: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{escape(base + link)}</loc><news:news><news:publication>"
                   f"<news:name>Test</news:name><news:language>en</news:language></news:publication>"
                   f"<news:publication_date>2021-09-07T10:00:00Z</news:publication_date>"
                   f"<news:title>Story</news:title></news:news></url>" for link in links)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>').encode()
