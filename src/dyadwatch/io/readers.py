"""Read articles from files, folders, JSON Lines, CSV and stdin into `InputDocument`s.

A document that cannot be read becomes a `Failure` naming it and the reason; the rest of the
batch goes on.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlparse

from dyadwatch.io.encoding import binary_reason, decode
from dyadwatch.io.warc import is_warc, read_warc
from dyadwatch.isodates import published_problem
from dyadwatch.records import Failure, InputDocument

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
MAX_FILE_BYTES = 50_000_000  # also the cap on standard input and on special files
_HINTS = {".json": "if it holds one JSON object per line, name it .jsonl",
          ".gz": "decompress it first", ".zip": "unpack it first", ".bz2": "decompress it first",
          ".xz": "decompress it first", ".pdf": "convert it to text first"}


def _looks_like_html(text: str) -> bool:
    return text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))


def _special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is (a FIFO, a device...), or None."""
    for test, what in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return what
    return None if stat.S_ISREG(mode) else "not a regular file"


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr", "p", "li"}  # p and li: their end tags are often left out
LXML_MAX_DEPTH = 255  # libxml2 stops building the tree deeper than this, without a word


def _nesting_depth(html: str) -> int:
    """How deep the page's elements nest (roughly: unclosed p and li are not counted)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in _VOID:
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def html_to_document(html: str, doc_id: str, origin: str, published: str | None = None,
                     url: str | None = None, title: str | None = None,
                     warn=None) -> InputDocument | Failure:
    """Main text of a web page, boilerplate, scripts and navigation removed (trafilatura). A
    page nested deeper than libxml2's limit is parsed with its `huge_tree` option, so no
    paragraph past that depth is lost."""
    import trafilatura

    page: object = html
    try:
        if _nesting_depth(html) >= LXML_MAX_DEPTH - 5:
            import lxml.html

            page = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
            if warn is not None:
                warn(f"{origin}: HTML nested over {LXML_MAX_DEPTH} levels deep; parsed with "
                     f"lxml's huge_tree option so nothing past that depth is lost")
        result = trafilatura.bare_extraction(page, url=url, with_metadata=True,
                                             include_comments=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return Failure(doc_id, origin, f"HTML could not be parsed: {exc}")
    if result is None or not (getattr(result, "text", None) or "").strip():
        return Failure(doc_id, origin, "no article text found in the HTML")
    date = getattr(result, "date", None)
    return InputDocument(doc_id, result.text, published or (date if not published_problem(date) else None),
                         url or getattr(result, "url", None), title or getattr(result, "title", None),
                         origin)


def _field_problem(rec: dict) -> str | None:
    """Why a record's `id`, `published`, `url` or `title` cannot be used, or None."""
    for name in ("id", "doc_id"):
        if rec.get(name) is not None and not isinstance(rec[name], (str, int)):
            return f"'{name}' must be a string or a number, not {type(rec[name]).__name__}"
    for name in ("published", "date"):
        if rec.get(name) not in (None, ""):
            problem = published_problem(rec[name])
            return f"'{name}' {problem}" if problem else None
    for name in ("url", "title"):
        if rec.get(name) is not None and not isinstance(rec[name], str):
            return f"'{name}' must be a string, not {type(rec[name]).__name__}: {rec[name]!r:.60}"
    if rec.get("url"):
        try:
            urlparse(rec["url"]).hostname  # raises on a broken host ('http://[2001:db8::1/news')
        except ValueError as exc:
            return f"'url' is not a valid URL ({exc}): {rec['url']!r:.80}"
    return None


def _record_to_document(rec: object, origin: str, fallback_id: str,
                        published: str | None) -> InputDocument | Failure:
    """One JSON or CSV record, its fields checked: an invalid `published`, `url` or `title`
    fails the document, naming the field (it never falls back on --published silently)."""
    if not isinstance(rec, dict):
        return Failure(fallback_id, origin, "a JSON record must be an object with 'text' or 'html'")
    given_id = rec.get("id") if rec.get("id") is not None else rec.get("doc_id")
    doc_id = str(given_id) if isinstance(given_id, (str, int)) and str(given_id) else fallback_id
    problem = _field_problem(rec)
    if problem:
        return Failure(doc_id, origin, f"{problem}; correct the record and ingest it again")
    pub = rec.get("published") or rec.get("date") or published
    pub = pub.strip() if pub else None
    url, title = rec.get("url") or None, rec.get("title")
    if isinstance(rec.get("text"), str):
        return InputDocument(doc_id, rec["text"], pub, url, title, origin)
    if isinstance(rec.get("html"), str):
        return html_to_document(rec["html"], doc_id, origin, pub, url, title)
    return Failure(doc_id, origin, "record has neither a 'text' nor an 'html' string field")


def jsonl_lines(text: str) -> list[str]:
    """JSON Lines are cut at '\\n' only: U+2028, U+0085 or a lone '\\r' inside a string
    (JSON written with ensure_ascii=False) are part of the record, as `splitlines()` is not told."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def read_jsonl(lines: Iterable[str], name: str, stem: str,
               published: str | None) -> Iterator[InputDocument | Failure]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        origin = f"{name}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(f"{stem}:{n}", origin, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield Failure(f"{stem}:{n}", origin, "JSON nested too deeply to read")
            continue
        yield _record_to_document(rec, origin, f"{stem}:{n}", published)


def read_csv(text: str, name: str, stem: str, published: str | None,
             delimiter: str = ",") -> Iterator[InputDocument | Failure]:
    csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = reader.fieldnames or []
    if not ({"text", "html"} & set(fields)):
        yield Failure(stem, name, "CSV needs a header with a 'text' or 'html' column")
        return
    repeated = sorted({f for f in fields if fields.count(f) > 1})
    if repeated:
        yield Failure(stem, name, f"the CSV header repeats {', '.join(map(repr, repeated))}: "
                                  f"name each column once")
        return
    for n, row in enumerate(reader, 2):
        yield _record_to_document({k: v for k, v in row.items() if k is not None and v}, f"{name}:{n}",
                                  f"{stem}:{n}", published)


def _read_bounded(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(MAX_FILE_BYTES + 1)


def read_file(path: Path, published: str | None, warn,
              special_files: bool = False) -> Iterator[InputDocument | Failure]:
    """The documents of one file. FIFOs and devices are refused unless `special_files` (a
    FIFO with no writer would block, /dev/zero never ends); those are read up to the size cap."""
    origin, stem, suffix = str(path), path.stem, path.suffix.lower()
    if is_warc(path) and path.is_file():  # streamed record by record: no size limit
        yield from read_warc(path, published, warn)
        return
    try:
        stat = path.stat()
        special = _special_kind(stat.st_mode)
        if special and not special_files:
            yield Failure(stem, origin, f"{special}, not a regular file: not read (give "
                                        f"--special-files to read it)", "skipped")
            return
        size = 0 if special else stat.st_size
        if size > MAX_FILE_BYTES:
            yield Failure(stem, origin, f"file too large ({size:,} bytes, limit {MAX_FILE_BYTES:,})")
            return
        data = _read_bounded(path)
    except OSError as exc:
        yield Failure(stem, origin, f"cannot read file: {exc.strerror or exc}")
        return
    if len(data) > MAX_FILE_BYTES:
        yield Failure(stem, origin, f"file too large (over the limit of {MAX_FILE_BYTES:,} bytes)")
        return
    yield from _documents(data, origin, stem, suffix, published, warn)


def _documents(data: bytes, origin: str, stem: str, suffix: str | None, published: str | None,
               warn) -> Iterator[InputDocument | Failure]:
    """The documents in a file's (or standard input's: `suffix` None) bytes."""
    if not data.strip():
        yield Failure(stem, origin, "empty file" if suffix is not None else "empty input")
        return
    reason = binary_reason(data)
    if reason:
        yield Failure(stem, origin, reason)
        return
    text = decode(data, origin, warn)
    if suffix in JSONL_SUFFIXES or (suffix is None and text.lstrip().startswith("{")):
        yield from read_jsonl(jsonl_lines(text), origin, stem, published)
    elif suffix in CSV_SUFFIXES:
        yield from read_csv(text, origin, stem, published, "\t" if suffix == ".tsv" else ",")
    elif suffix in HTML_SUFFIXES or _looks_like_html(text):
        yield html_to_document(text, stem, origin, published, warn=warn)
    elif suffix is None or suffix in TEXT_SUFFIXES:
        yield InputDocument(stem, text, published, None, None, origin)
    else:
        yield Failure(stem, origin, f"unsupported file type {suffix!r}: use .txt, .html, "
                                    f".jsonl, .csv or .warc(.gz)")


def read_stdin(published: str | None, warn) -> Iterator[InputDocument | Failure]:
    """Standard input, read up to MAX_FILE_BYTES (`yes | dyadwatch extract -` ends)."""
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        yield Failure("stdin", "<stdin>", f"standard input too large (over {MAX_FILE_BYTES:,} "
                                          f"bytes): write it to files and give their names")
        return
    yield from _documents(data, "<stdin>", "stdin", None, published, warn)


def _folder_files(root: Path) -> Iterator[Path | Failure]:
    """Every file under `root` (hidden ones left out; symlinked folders followed once), in
    sorted order; a folder that cannot be listed is a Failure, never passed over."""
    files: list[Path] = []
    seen: set[str] = set()

    def visit(folder: str) -> Iterator[Failure]:
        real = os.path.realpath(folder)
        if real in seen:  # a symlink loop, or a folder linked twice: its files are read once
            return
        seen.add(real)
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            yield Failure(Path(folder).name, folder, f"cannot read folder: {exc.strerror or exc}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from visit(entry.path)
            else:
                files.append(Path(entry.path))

    yield from visit(str(root))
    yield from sorted(files)


def _skip_reason(path: Path) -> str | None:
    """Why a file found in a folder is not read, or None."""
    if path.suffix.lower() in KNOWN_SUFFIXES or is_warc(path):
        return None
    hint = _HINTS.get(path.suffix.lower(), "dyadwatch reads .txt, .html, .jsonl, .csv, .tsv, "
                                           ".warc and .warc.gz")
    return f"unsupported file type {path.suffix!r} in a folder: not read ({hint})"


def read_inputs(paths: Iterable[str], published: str | None = None,
                warn=lambda msg: print(msg, file=sys.stderr),
                special_files: bool = False) -> Iterator[InputDocument | Failure]:
    """Every document under the given paths ('-' is stdin), in a stable order. Every path
    that is not read (an unsupported suffix, a FIFO, an unreadable folder) is a Failure
    saying why: nothing under the paths is passed over in silence."""
    for p in paths:
        if p == "-":
            yield from read_stdin(published, warn)
            continue
        path = Path(p)
        if path.is_dir():
            for f in _folder_files(path):
                if isinstance(f, Failure):
                    yield f
                elif reason := _skip_reason(f):
                    yield Failure(f.stem, str(f), reason, "skipped")
                else:
                    yield from read_file(f, published, warn, special_files)
        elif path.exists():
            yield from read_file(path, published, warn, special_files)
        elif path.is_symlink():
            yield Failure(path.stem, p, "broken symbolic link: its target does not exist")
        else:
            yield Failure(path.stem, p, "no such file or folder")
