"""Cut a long text into pieces for the parser, so no piece or sentence can be pathological;
and join the extractions of a long document's pieces back into one.

The pieces concatenate back to the text exactly, so offsets survive `Doc.from_docs`. Normal
articles are one piece. A document is cut at sentence ends into pieces of about
SEGMENT_CHARS; a run with no full stop longer than MAX_SENTENCE_CHARS (scraped menus, tables,
a million characters of one "sentence") is cut at spaces into pieces of its own, each then a
sentence of at most that length. The cut is linear in the text's length: a sentence end is
found once, from the first mark of a run ("....." is not tried at every dot).
"""
from __future__ import annotations

import re

from dyadwatch.records import Extraction, InputDocument

SEGMENT_CHARS = 50_000
MAX_SENTENCE_CHARS = 2_000
# a sentence end: a run of end marks (only from its first mark: the look-behind keeps a long
# run of dots from being tried at every dot), closing quotes or brackets, then space; or newlines
_END = re.compile(r"(?<![.!?…])[.!?…]++[\"”’)\]]*+\s+|\n+")


def _cut(run: str, limit: int) -> list[str]:
    out = []
    while len(run) > limit:
        at = run.rfind(" ", limit // 2, limit)
        at = at + 1 if at > 0 else limit
        out.append(run[:at])
        run = run[at:]
    return out + ([run] if run else [])


def _units(text: str):
    """The text as consecutive sentence-like units (each ends at a sentence end or the text's)."""
    at = 0
    for m in _END.finditer(text):
        yield text[at:m.end()]
        at = m.end()
    if at < len(text):
        yield text[at:]


def segments(text: str, segment_chars: int = SEGMENT_CHARS,
             max_sentence: int = MAX_SENTENCE_CHARS) -> list[str]:
    if len(text) <= max_sentence:
        return [text]
    pieces, current = [], []
    size = 0
    for unit in _units(text):
        if len(unit) > max_sentence:
            if current:
                pieces.append("".join(current))
                current, size = [], 0
            pieces.extend(_cut(unit, max_sentence))
            continue
        if size + len(unit) > segment_chars and current:
            pieces.append("".join(current))
            current, size = [], 0
        current.append(unit)
        size += len(unit)
    if current:
        pieces.append("".join(current))
    return pieces


def joined_pieces(inp: InputDocument, pieces: list[Extraction], starts: list[int]) -> Extraction:
    """One Extraction from those of a long document's pieces (`starts`: where each piece
    begins in the document): offsets into the whole text, sentence numbers counted on."""
    whole = Extraction(inp.doc_id, pieces[0].published if pieces else None, [], [],
                       title=inp.title, url=inp.url)
    for piece, start in zip(pieces, starts):
        first = len(whole.sentences)
        for item in (*piece.events, *piece.quotes):
            item.start, item.end = item.start + start, item.end + start
            item.sentence_index += first
        for actor in piece.actors:
            actor.start, actor.end = actor.start + start, actor.end + start
        whole.events.extend(piece.events)
        whole.quotes.extend(piece.quotes)
        whole.actors.extend(piece.actors)
        whole.places.extend({**p, "start": p["start"] + start, "end": p["end"] + start}
                            for p in piece.places)
        whole.sentences.extend(piece.sentences)
    return whole
