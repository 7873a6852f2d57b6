"""Read web archives (WARC and WARC.gz, as Common Crawl's CC-NEWS) into `InputDocument`s.

Each HTTP response record with an HTML content type is one article: its main text and
metadata by trafilatura (the same path as an .html file, `readers.html_to_document`), its
WARC-Target-URI kept as `url` and its WARC-Date as the published date when the page
carries none. Other response records (redirects, errors, PDFs) are skipped documents with
the reason; request, metadata and warcinfo records are counted and named in one warning.
A truncated or corrupt record is a failure naming its offset, and reading goes on from the
next record found after it (the next gzip member, or the next `WARC/1.` line).
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from dyadwatch.io.encoding import decode, not_html
from dyadwatch.records import Failure, InputDocument

WARC_SUFFIXES = (".warc", ".warc.gz")
MAX_RECORD_BYTES = 20_000_000  # an HTML payload larger than this is not a news article
_RESYNC_CHUNK = 1 << 20
_HEADER_IN_PAYLOAD = re.compile(rb"WARC/1\.[01]\r\nWARC-Type: ")


class _Truncated(Exception):
    """An uncompressed record shorter than its Content-Length: the next record's header was
    read as its payload."""

    def __init__(self, offset: int):
        super().__init__("the next record's header appears inside its payload (shorter than "
                         "its Content-Length)")
        self.offset = offset


def _printable(text: str, limit: int = 100) -> str:
    return "".join(c if c.isprintable() and ord(c) < 0x250 else "?" for c in text)[:limit]


def is_warc(path: Path | str) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def doc_id_for_url(url: str | None, fallback: str) -> str:
    """A readable id from a page's URL: its last path segment without suffix, else its host."""
    if not url:
        return fallback
    try:
        parsed = urlparse(url)
    except ValueError:
        return fallback
    name = PurePosixPath(parsed.path).name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem or parsed.hostname or fallback


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
    return m.group(1) if m else None


def _decode(payload: bytes, content_type: str, origin: str, warn) -> str:
    charset = _charset(content_type)
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: guess as for a file
    return decode(payload, origin, warn)


def _response_document(record, path: str, published: str | None, records,
                       warn) -> tuple[int, InputDocument | Failure]:
    """The record's offset and what it holds: an article, or why it is not one."""
    from dyadwatch.io.readers import html_to_document

    headers = record.http_headers
    status = headers.get_statuscode() if headers else None
    content_type = (headers.get_header("Content-Type") or "") if headers else ""
    payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
    offset = records.get_record_offset()  # reads the record to its end
    url = record.rec_headers.get_header("WARC-Target-URI")
    origin = f"{path}@{offset}"
    doc_id = doc_id_for_url(url, f"{Path(path).name}@{offset}")
    if _HEADER_IN_PAYLOAD.search(payload) or \
            any("WARC/1." in f"{k}{v}" for k, v in record.rec_headers.headers):
        raise _Truncated(offset)
    if status and not status.startswith("2"):
        where = headers.get_header("Location")
        why = f"HTTP {status} response" + (f" (redirect to {where})" if where else "")
        return offset, Failure(doc_id, origin, f"{why} for {url}: not an article", "skipped")
    why = not_html(content_type)
    if why:
        return offset, Failure(doc_id, origin, f"{why} at {url}", "skipped")
    if len(payload) > MAX_RECORD_BYTES:
        return offset, Failure(doc_id, origin, f"HTML payload too large (over "
                                               f"{MAX_RECORD_BYTES:,} bytes)")
    if not payload.strip():
        return offset, Failure(doc_id, origin, f"empty HTML payload for {url}")
    html = _decode(payload, content_type, origin, warn)
    doc = html_to_document(html, doc_id, origin, None, url, warn=warn)
    if isinstance(doc, InputDocument) and not doc.published:
        warc_day = (record.rec_headers.get_header("WARC-Date") or "")[:10]
        doc.published = warc_day if re.fullmatch(r"\d{4}-\d{2}-\d{2}", warc_day) else published
    return offset, doc


def _next_record_start(fh, start: int, gz: bool) -> int | None:
    """The offset of the first record header after `start` (a gzip member's magic bytes, or
    a `WARC/1.` line), or None at the end of the file."""
    marker = b"\x1f\x8b\x08" if gz else b"WARC/1."
    pos = start + 1
    fh.seek(pos)
    tail = b""
    while True:
        chunk = fh.read(_RESYNC_CHUNK)
        if not chunk:
            return None
        data = tail + chunk
        found = data.find(marker)
        if found >= 0:
            return pos - len(tail) + found
        tail = data[-(len(marker) - 1):]
        pos += len(chunk)


def _starts_as_warc(fh, gz: bool) -> bool:
    """Whether the file begins with a WARC record (inside its first gzip member, for .gz)."""
    head = fh.read(65536)
    fh.seek(0)
    if gz:
        if not head.startswith(b"\x1f\x8b"):
            return False
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith(b"WARC/")


def read_warc(path: Path, published: str | None, warn) -> Iterator[InputDocument | Failure]:
    """The articles in one WARC or WARC.gz file (streamed: any size)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = str(path)
    gz = name.lower().endswith(".gz")
    passed_over: Counter[str] = Counter()
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield Failure(path.name, name, f"cannot read file: {exc.strerror or exc}")
        return
    with fh:
        if not _starts_as_warc(fh, gz):
            yield Failure(path.name, name, "not a WARC file: it does not start with a WARC record "
                                           "(WARC/1.0 or WARC/1.1" + (", gzipped" if gz else "") + ")")
            return
        base = 0
        while base is not None:
            fh.seek(base)
            records = ArchiveIterator(fh, no_record_parse=False, check_digests=False)
            next_start = base  # where the record after the last one read whole starts
            try:
                for record in records:
                    if record.rec_type == "response":
                        at, doc = _response_document(record, name, published, records, warn)
                        yield doc
                    else:
                        passed_over[record.rec_type] += 1
                        at = records.get_record_offset()  # offsets are from the file's start
                    next_start = at + records.get_record_length()
                base = None
            except (_Truncated, ArchiveLoadFailed, OSError, EOFError, ValueError, KeyError) as exc:
                broken = exc.offset if isinstance(exc, _Truncated) else next_start
                why = str(exc).splitlines()[0].split(", first line:")[0].split(" first line:")[0] \
                    if str(exc) else ""
                why = _printable(why)
                if not isinstance(exc, _Truncated):
                    why = f"{type(exc).__name__}: {why}"
                yield Failure(f"{path.name}@{broken}", f"{name}@{broken}",
                              f"truncated or corrupt WARC record at offset {broken} ({why}); "
                              f"the records after it are read")
                base = _next_record_start(fh, broken, gz)
    if passed_over:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(passed_over.items()))
        warn(f"{name}: {kinds} record(s) skipped (only HTTP responses hold pages)")

