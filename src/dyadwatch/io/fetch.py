"""Polite HTTP fetching for `dyadwatch watch`: a User-Agent naming the tool, robots.txt
obeyed (RFC 9309), a minimum interval and a concurrency cap per host, timeouts, retries with
backoff, conditional GET (ETag, Last-Modified), a size cap, redirects followed one request at
a time (each one rate-limited and checked against robots.txt).

Nothing here raises for a bad answer: every outcome is a `Fetched` whose `failure` names
what went wrong (DNS, timeout, HTTP 4xx/5xx, too large, disallowed by robots.txt...) and
whether trying again later may help (`transient`).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from dyadwatch.io.encoding import not_html
from dyadwatch.version import __version__

ROBOTS_AGENT = "dyadwatch"
_DNS_HINTS = ("name or service not known", "nodename nor servname", "temporary failure in name",
              "no address associated", "getaddrinfo failed", "name resolution")


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str = (f"dyadwatch/{__version__} (political news event coder; obeys robots.txt; "
                       f"agent token: {ROBOTS_AGENT})")
    timeout: float = 20.0  # seconds, for connecting and between bytes
    retries: int = 2  # more tries after a timeout, a connection error, 429 or 5xx
    backoff: float = 2.0  # seconds before the first retry, doubled each time
    max_bytes: int = 5_000_000  # a larger answer is refused ("too large")
    host_interval: float = 1.0  # seconds between two requests to one host (robots' Crawl-delay wins if longer)
    host_concurrency: int = 2  # requests in flight to one host
    max_redirects: int = 5


@dataclass
class Fetched:
    """The outcome of one GET (after redirects)."""

    url: str  # as asked
    final_url: str = ""
    status: int | None = None
    content_type: str = ""
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # 304: nothing new since the ETag or Last-Modified given
    failure: str | None = None  # why this is not a usable answer, for the failures list
    transient: bool = False  # trying again later may succeed (timeout, 5xx, DNS)
    location: str | None = None  # where a redirect points

    @property
    def ok(self) -> bool:
        return self.failure is None


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    robots_lock: threading.Lock = field(default_factory=threading.Lock)
    slots: threading.Semaphore | None = None
    next_at: float = 0.0
    interval: float = 0.0
    robots: RobotFileParser | None = None
    robots_failure: str | None = None  # robots.txt could not be read: nothing is fetched


class Fetcher:
    """One HTTP client with per-host politeness, shared by the threads of a round. Every
    request it sends is appended to `log` as (monotonic time, host, method, URL)."""

    def __init__(self, settings: FetchSettings = FetchSettings(),
                 transport: httpx.BaseTransport | None = None, sleep=time.sleep):
        self.settings = settings
        self.sleep = sleep
        self.client = httpx.Client(headers={"User-Agent": settings.user_agent},
                                   timeout=settings.timeout, follow_redirects=False,
                                   transport=transport)
        self.hosts: dict[str, _Host] = {}
        self.hosts_lock = threading.Lock()
        self.log: list[tuple[float, str, str, str]] = []

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _host(self, netloc: str) -> _Host:
        with self.hosts_lock:
            host = self.hosts.get(netloc)
            if host is None:
                host = self.hosts[netloc] = _Host(
                    slots=threading.Semaphore(self.settings.host_concurrency),
                    interval=self.settings.host_interval)
            return host

    def forget_robots(self) -> None:
        """Read robots.txt again on the next request to each host (once a round)."""
        with self.hosts_lock:
            for host in self.hosts.values():
                host.robots = host.robots_failure = None

    def _send(self, url: str, netloc: str, host: _Host, headers: dict[str, str]) -> httpx.Response:
        """One GET, streamed, once the host's interval has passed since the last request was
        sent and since its answer began (the caller closes it)."""
        with host.lock:
            wait = host.next_at - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            host.next_at = time.monotonic() + host.interval
            self.log.append((time.monotonic(), netloc, "GET", url))
        try:
            return self.client.send(self.client.build_request("GET", url, headers=headers),
                                    stream=True)
        finally:  # a slow answer pushes the next request back: the host sees the interval
            with host.lock:
                host.next_at = max(host.next_at, time.monotonic() + host.interval)

    def _robots(self, url: str) -> str | None:
        """Why `url` may not be fetched under its host's robots.txt, or None."""
        parts = urlsplit(url)
        host = self._host(parts.netloc.lower())
        with host.robots_lock:  # read once per host, by the first thread that needs it
            if host.robots is None and host.robots_failure is None:
                got = self._follow(f"{parts.scheme}://{parts.netloc}/robots.txt", {}, check_robots=False)
                if got.status is not None and 400 <= got.status < 500:
                    host.robots = RobotFileParser()
                    host.robots.parse([])  # RFC 9309: unavailable (4xx) means no rules
                elif got.ok:
                    host.robots = RobotFileParser()
                    host.robots.parse(got.body.decode("utf-8", "replace").splitlines())
                    delay = host.robots.crawl_delay(ROBOTS_AGENT)
                    if delay:
                        host.interval = max(host.interval, float(delay))
                else:  # unreachable (5xx, timeout): RFC 9309 says assume everything is disallowed
                    host.robots_failure = f"robots.txt could not be read ({got.failure}); nothing " \
                                          f"on {parts.netloc} is fetched until it can be"
        if host.robots_failure:
            return host.robots_failure
        if not host.robots.can_fetch(ROBOTS_AGENT, url):
            return f"disallowed by {parts.netloc}/robots.txt for {ROBOTS_AGENT}"
        return None

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            html_only: bool = False) -> Fetched:
        """GET `url` (following redirects, obeying robots.txt, retrying what may pass);
        `html_only` refuses an answer that is not HTML."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._follow(url, headers, check_robots=True, html_only=html_only)

    def _follow(self, url: str, headers: dict[str, str], check_robots: bool,
                html_only: bool = False) -> Fetched:
        current = url
        for _ in range(self.settings.max_redirects + 1):
            refused = self._robots(current) if check_robots else None
            if refused:  # an unreadable robots.txt may be readable next round
                return Fetched(url, current, failure=refused,
                               transient=refused.startswith("robots.txt could not"))
            got = self._with_retries(current, headers, html_only)
            if got.location is None:
                got.url = url
                return got
            current = got.location
        return Fetched(url, current, failure=f"more than {self.settings.max_redirects} redirects")

    def _with_retries(self, url: str, headers: dict[str, str], html_only: bool) -> Fetched:
        delay = self.settings.backoff
        for attempt in range(self.settings.retries + 1):
            got = self._get_once(url, headers, html_only)
            if not got.transient or attempt == self.settings.retries:
                return got
            self.sleep(min(delay, 60.0))
            delay *= 2
        return got  # pragma: no cover - the loop always returns

    def _get_once(self, url: str, headers: dict[str, str], html_only: bool) -> Fetched:
        """One request and its outcome (while holding one of its host's slots); a redirect
        comes back with `location` set."""
        netloc = urlsplit(url).netloc.lower()
        host = self._host(netloc)
        with host.slots:
            return self._request(url, netloc, host, headers, html_only)

    def _request(self, url: str, netloc: str, host: _Host, headers: dict[str, str],
                 html_only: bool) -> Fetched:
        try:
            response = self._send(url, netloc, host, headers)
        except httpx.TimeoutException:
            return Fetched(url, url, failure=f"timeout (no answer in {self.settings.timeout:g} s)",
                           transient=True)
        except httpx.ConnectError as exc:
            text = str(exc).lower()
            if any(hint in text for hint in _DNS_HINTS):
                return Fetched(url, url, failure=f"DNS: host {urlsplit(url).hostname} not found",
                               transient=True)
            return Fetched(url, url, failure=f"connection failed ({exc})", transient=True)
        except (httpx.HTTPError, ValueError) as exc:  # a broken URL, protocol error
            return Fetched(url, url, failure=f"request failed ({type(exc).__name__}: {exc})",
                           transient=isinstance(exc, httpx.TransportError))
        try:
            return self._outcome(url, response, html_only)
        finally:
            response.close()

    def _outcome(self, url: str, response: httpx.Response, html_only: bool) -> Fetched:
        got = Fetched(url, str(response.url), status=response.status_code,
                      content_type=response.headers.get("content-type", ""),
                      etag=response.headers.get("etag"),
                      last_modified=response.headers.get("last-modified"))
        code = response.status_code
        if code in (301, 302, 303, 307, 308) and response.headers.get("location"):
            got.location = urljoin(str(response.url), response.headers["location"])
            return got
        if code == 304:
            got.not_modified = True
            return got
        if not 200 <= code < 300:
            got.failure = f"HTTP {code} {response.reason_phrase or ''}".strip()
            got.transient = code >= 500 or code in (408, 429)
            return got
        if html_only:
            _check_html(got)  # before reading the body: a PDF is not downloaded
            if got.failure:
                return got
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.settings.max_bytes:
            got.failure = (f"too large ({int(declared):,} bytes declared, limit "
                           f"{self.settings.max_bytes:,})")
            return got
        body = bytearray()
        try:
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.settings.max_bytes:
                    got.failure = f"too large (over the limit of {self.settings.max_bytes:,} bytes)"
                    return got
        except httpx.TimeoutException:
            got.failure, got.transient = "timeout while reading the answer", True
            return got
        except httpx.HTTPError as exc:
            got.failure, got.transient = f"answer cut short ({type(exc).__name__})", True
            return got
        got.body = bytes(body)
        return got


def _check_html(got: Fetched) -> None:
    why = not_html(got.content_type)
    if why:
        got.failure = why
