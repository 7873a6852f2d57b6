"""Bytes to text: binary files recognised by their magic numbers, UTF-8 (with stray bytes
repaired one by one), UTF-16/32 by their byte-order mark, else charset-normalizer's guess; and
which HTTP answers (web archive records, fetched pages) are HTML at all.
"""
from __future__ import annotations

import codecs

_MAGIC = {b"%PDF": "a PDF file", b"PK\x03\x04": "a ZIP archive (docx/xlsx?)",
          b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
          b"\x1f\x8b": "a gzip archive", b"\x7fELF": "an executable"}
_UNICODE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_STRAY = "dyadwatch-stray-bytes"
HTML_TYPES = ("text/html", "application/xhtml+xml")


def not_html(content_type: str) -> str | None:
    """Why an answer of this Content-Type is no page to read ("not HTML (image/png)"), or None."""
    media_type = content_type.split(";")[0].strip().lower()
    return None if media_type in HTML_TYPES else f"not HTML ({media_type or 'no content type'})"


def _stray_bytes_as_cp1252(err: UnicodeDecodeError):
    """Decode the bytes UTF-8 rejected as Windows-1252 (what a stray byte in news usually is)."""
    bad = err.object[err.start:err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error(_STRAY, _stray_bytes_as_cp1252)


def binary_reason(data: bytes) -> str | None:
    """Why `data` is not text (a PDF, an image, NUL bytes), or None."""
    if data.startswith(_UNICODE_BOMS):
        return None  # UTF-16/32 text: NUL bytes are part of the encoding
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return f"binary file ({what}), not text: convert it to text or HTML first"
    sample = data[:4096]
    if sample.count(b"\x00") > max(2, len(sample) // 100):
        return "binary file (contains NUL bytes), not text: convert it to text first"
    return None


def _utf8_share(data: bytes) -> tuple[int, int, int]:
    """(valid multi-byte UTF-8 characters, bytes UTF-8 rejects, offset of the first one)."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = [i for i, c in enumerate(text) if "\udc80" <= c <= "\udcff"]
    multi = sum(1 for c in text if ord(c) > 0x7F) - len(bad)
    first = len(text[:bad[0]].encode("utf-8", errors="surrogateescape")) if bad else -1
    return multi, len(bad), first


def decode(data: bytes, origin: str, warn) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 by BOM, else the best guess, with a warning.

    A UTF-8 file with a few stray bytes stays UTF-8: only those bytes are read as
    Windows-1252 (one Latin-1 byte 250 kB into an article does not turn every quote mark of
    it into mojibake)."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    multi, bad, first = _utf8_share(data)
    if multi >= bad or bad <= max(1, len(data) // 10_000):
        warn(f"{origin}: {bad} byte(s) not UTF-8 (the first at byte {first:,}); read as "
             f"Windows-1252 there and as UTF-8 elsewhere. Re-save it as UTF-8 to silence this.")
        return data.decode("utf-8-sig", errors=_STRAY)
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
