"""Read articles from files, folders, JSON Lines, CSV and stdin into `InputDocument`s.

A document that cannot be read becomes a `Failure` naming it and the reason; the rest of the
batch goes on.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyadwatch.records import Failure, InputDocument

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
MAX_FILE_BYTES = 50_000_000
_MAGIC = {b"%PDF": "a PDF file", b"PK\x03\x04": "a ZIP archive (docx/xlsx?)",
          b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
          b"\x1f\x8b": "a gzip archive", b"\x7fELF": "an executable"}


_UNICODE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _looks_like_html(text: str) -> bool:
    return text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))


def _binary_reason(data: bytes) -> str | None:
    if data.startswith(_UNICODE_BOMS):
        return None  # UTF-16/32 text: NUL bytes are part of the encoding
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return f"binary file ({what}), not text: convert it to text or HTML first"
    sample = data[:4096]
    if sample.count(b"\x00") > max(2, len(sample) // 100):
        return "binary file (contains NUL bytes), not text: convert it to text first"
    return None


def decode(data: bytes, origin: str, warn) -> str | None:
    """UTF-8 (with or without BOM), else the best guess of charset-normalizer, with a warning."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode("cp1252", errors="replace")
        encoding = "cp1252 (with replacements)"
    warn(f"{origin}: not UTF-8; decoded as {encoding}. Re-save it as UTF-8 to silence this.")
    return text


def html_to_document(html: str, doc_id: str, origin: str, published: str | None = None,
                     url: str | None = None, title: str | None = None) -> InputDocument | Failure:
    """Main text of a web page, boilerplate, scripts and navigation removed (trafilatura)."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                             include_comments=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return Failure(doc_id, origin, f"HTML could not be parsed: {exc}")
    if result is None or not (getattr(result, "text", None) or "").strip():
        return Failure(doc_id, origin, "no article text found in the HTML")
    return InputDocument(doc_id, result.text, published or getattr(result, "date", None),
                         url or getattr(result, "url", None), title or getattr(result, "title", None),
                         origin)


def _record_to_document(rec: object, origin: str, fallback_id: str,
                        published: str | None) -> InputDocument | Failure:
    if not isinstance(rec, dict):
        return Failure(fallback_id, origin, "a JSON record must be an object with 'text' or 'html'")
    doc_id = str(rec.get("id") or rec.get("doc_id") or fallback_id)
    pub = rec.get("published") or rec.get("date") or published
    pub = str(pub) if pub else None
    if isinstance(rec.get("text"), str):
        return InputDocument(doc_id, rec["text"], pub, rec.get("url"), rec.get("title"), origin)
    if isinstance(rec.get("html"), str):
        return html_to_document(rec["html"], doc_id, origin, pub, rec.get("url"), rec.get("title"))
    return Failure(doc_id, origin, "record has neither a 'text' nor an 'html' string field")


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
        yield _record_to_document(rec, origin, f"{stem}:{n}", published)


def read_csv(text: str, name: str, stem: str, published: str | None,
             delimiter: str = ",") -> Iterator[InputDocument | Failure]:
    csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames or not ({"text", "html"} & set(reader.fieldnames)):
        yield Failure(stem, name, "CSV needs a header with a 'text' or 'html' column")
        return
    for n, row in enumerate(reader, 2):
        yield _record_to_document({k: v for k, v in row.items() if v}, f"{name}:{n}",
                                  f"{stem}:{n}", published)


def read_file(path: Path, published: str | None, warn) -> Iterator[InputDocument | Failure]:
    origin, stem, suffix = str(path), path.stem, path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Failure(stem, origin, f"file too large ({size:,} bytes, limit {MAX_FILE_BYTES:,})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(stem, origin, f"cannot read file: {exc.strerror or exc}")
        return
    if not data.strip():
        yield Failure(stem, origin, "empty file")
        return
    reason = _binary_reason(data)
    if reason:
        yield Failure(stem, origin, reason)
        return
    text = decode(data, origin, warn)
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(text.splitlines(), origin, stem, published)
    elif suffix in CSV_SUFFIXES:
        yield from read_csv(text, origin, stem, published, "\t" if suffix == ".tsv" else ",")
    elif suffix in HTML_SUFFIXES or _looks_like_html(text):
        yield html_to_document(text, stem, origin, published)
    elif suffix in TEXT_SUFFIXES:
        yield InputDocument(stem, text, published, None, None, origin)
    else:
        yield Failure(stem, origin, f"unsupported file type {suffix!r}: use .txt, .html, "
                                    f".jsonl or .csv")


def read_stdin(published: str | None, warn) -> Iterator[InputDocument | Failure]:
    data = sys.stdin.buffer.read()
    text = decode(data, "<stdin>", warn)
    if text.lstrip().startswith("{"):
        yield from read_jsonl(text.splitlines(), "<stdin>", "stdin", published)
    elif _looks_like_html(text):
        yield html_to_document(text, "stdin", "<stdin>", published)
    else:
        yield InputDocument("stdin", text, published, None, None, "<stdin>")


def read_inputs(paths: Iterable[str], published: str | None = None,
                warn=lambda msg: print(msg, file=sys.stderr)) -> Iterator[InputDocument | Failure]:
    """Every document under the given paths ('-' is stdin), in a stable order."""
    for p in paths:
        if p == "-":
            yield from read_stdin(published, warn)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file()
                           and not any(part.startswith(".") for part in f.relative_to(path).parts))
            for f in files:
                if f.suffix.lower() in KNOWN_SUFFIXES:
                    yield from read_file(f, published, warn)
        elif path.exists():
            yield from read_file(path, published, warn)
        else:
            yield Failure(path.stem, p, "no such file or folder")
