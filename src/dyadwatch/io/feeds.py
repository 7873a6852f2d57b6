"""What `dyadwatch watch` polls: RSS and Atom feeds (feedparser), sitemaps and sitemap
indexes (news sitemaps included: their publication date and title are kept), and plain URL
lists, a GDELT events file among them (its SOURCEURL column, zipped or not). And the URL
normalisation that decides whether an article was fetched before.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from xml.etree import ElementTree

# query parameters that track a reader, not name a page
_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|"
                       r"yclid|ocid|cmpid|smid|smtyp|ref_src|ref_url|__twitter_impression|"
                       r"wt_mc|at_medium|at_campaign|ito|cid)$", re.I)
# GDELT events files: column count -> (DATEADDED, SOURCEURL) indexes (1.0 daily files, 2.0)
GDELT_COLUMNS = {58: (56, 57), 61: (59, 60)}


@dataclass(slots=True)
class Entry:
    """One article a listing points to."""

    url: str
    published: str | None = None  # YYYY-MM-DD, when the listing says
    title: str | None = None


@dataclass
class Listing:
    kind: str  # rss/atom feed | sitemap | sitemap index | URL list | GDELT events | empty
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # a sitemap index's sitemaps
    problem: str | None = None  # why nothing could be read from it


def normalise_url(url: str) -> str:
    """The URL an article is known by: scheme and host lower-cased, default port, fragment
    and tracking parameters (utm_*, fbclid, gclid...) removed, other parameters kept in order."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    if port and not ((parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))


def is_http_url(text: str) -> bool:
    try:
        parts = urlsplit(text.strip())
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def _day(text: str | None) -> str | None:
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", text or "")
    return m.group(1) if m else None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sitemap(root: ElementTree.Element) -> Listing:
    if _local(root.tag) == "sitemapindex":
        locs = [el.text.strip() for el in root.iter() if _local(el.tag) == "loc" and el.text]
        return Listing("sitemap index", sitemaps=[u for u in locs if is_http_url(u)])
    entries = []
    for url_el in root:
        if _local(url_el.tag) != "url":
            continue
        found = {_local(el.tag): (el.text or "").strip() for el in url_el.iter()}
        if is_http_url(found.get("loc", "")):
            entries.append(Entry(found["loc"], _day(found.get("publication_date") or found.get("lastmod")),
                                 found.get("title") or None))
    return Listing("sitemap", entries)


def _feed(body: bytes) -> Listing:
    import feedparser

    parsed = feedparser.parse(body)
    entries = []
    for item in parsed.entries:
        link = item.get("link") or ""
        if not is_http_url(link):
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        day = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}" if stamp else None
        entries.append(Entry(link, day, item.get("title") or None))
    if not entries and not parsed.get("version"):
        reason = getattr(parsed.get("bozo_exception"), "args", [""])
        return Listing("unreadable", problem=f"not an RSS/Atom feed or sitemap ({reason[0] if reason else ''})")
    return Listing(f"{parsed.get('version') or 'feed'} feed", entries)


def _url_lines(text: str) -> Listing:
    """A plain list of URLs (one a line, '#' comments), or a GDELT events file (tab-separated,
    58 or 61 columns: DATEADDED, then SOURCEURL last), or a CSV/TSV with a SOURCEURL or url
    column."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return Listing("empty", problem="no URL in it")
    first = lines[0]
    header = [h.strip().lower() for h in re.split(r"[\t,]", first)]
    for name in ("sourceurl", "url"):
        if name in header and not is_http_url(first):
            reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t" if "\t" in first else ",")
            column = reader.fieldnames[header.index(name)]
            urls = [row.get(column) or "" for row in reader]
            return Listing("URL table", [Entry(u.strip()) for u in urls if is_http_url(u)])
    if "\t" in first and len(first.split("\t")) in GDELT_COLUMNS:
        entries = []
        for line in lines:
            cells = line.split("\t")
            if len(cells) not in GDELT_COLUMNS:
                continue
            added, at = GDELT_COLUMNS[len(cells)]
            if is_http_url(cells[at]):
                day = cells[added][:8] if cells[added][:8].isdigit() and len(cells[added]) >= 8 else ""
                entries.append(Entry(cells[at].strip(), f"{day[:4]}-{day[4:6]}-{day[6:]}" if day else None))
        return Listing("GDELT events", entries)
    urls = [line.strip() for line in lines if is_http_url(line)]
    if not urls:
        return Listing("unreadable", problem="no http(s) URL on any line")
    return Listing("URL list", [Entry(u) for u in urls])


def parse_listing(body: bytes) -> Listing:
    """The articles (or sitemaps) a feed, sitemap or URL list points to, each URL once, in
    the listing's order."""
    if body[:4] == b"PK\x03\x04":  # GDELT's files are zipped
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                body = archive.read(archive.namelist()[0])
        except (zipfile.BadZipFile, IndexError, KeyError) as exc:
            return Listing("unreadable", problem=f"a broken ZIP file ({exc})")
    text = body.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        head = text[:4000]
        if "<urlset" in head or "<sitemapindex" in head:
            try:
                listing = _sitemap(ElementTree.fromstring(body.lstrip()))
            except ElementTree.ParseError as exc:
                return Listing("unreadable", problem=f"a sitemap that is not well-formed XML ({exc})")
        else:
            listing = _feed(body)
    else:
        listing = _url_lines(text)
    seen: set[str] = set()
    unique = []
    for entry in listing.entries:
        key = normalise_url(entry.url)
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    listing.entries = unique
    return listing
