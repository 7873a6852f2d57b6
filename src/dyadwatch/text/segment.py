"""Cut a long text into pieces for the parser, so no piece or sentence can be pathological.

The pieces concatenate back to the text exactly, so offsets survive `Doc.from_docs`. Normal
articles are one piece. A document is cut at sentence ends into pieces of about
SEGMENT_CHARS; a run with no full stop longer than MAX_SENTENCE_CHARS (scraped menus, tables,
a million characters of one "sentence") is cut at spaces into pieces of its own, each then a
sentence of at most that length.
"""
from __future__ import annotations

import re

SEGMENT_CHARS = 50_000
MAX_SENTENCE_CHARS = 2_000
_UNIT = re.compile(r".*?(?:[.!?…]+[\"”’)\]]*\s+|\n+|$)", re.S)


def _cut(run: str, limit: int) -> list[str]:
    out = []
    while len(run) > limit:
        at = run.rfind(" ", limit // 2, limit)
        at = at + 1 if at > 0 else limit
        out.append(run[:at])
        run = run[at:]
    return out + ([run] if run else [])


def segments(text: str, segment_chars: int = SEGMENT_CHARS,
             max_sentence: int = MAX_SENTENCE_CHARS) -> list[str]:
    if len(text) <= max_sentence:
        return [text]
    pieces, current = [], ""
    for m in _UNIT.finditer(text):
        unit = m.group(0)
        if not unit:
            continue
        if len(unit) > max_sentence:
            if current:
                pieces.append(current)
                current = ""
            pieces.extend(_cut(unit, max_sentence))
            continue
        if len(current) + len(unit) > segment_chars and current:
            pieces.append(current)
            current = ""
        current += unit
    if current:
        pieces.append(current)
    return pieces
