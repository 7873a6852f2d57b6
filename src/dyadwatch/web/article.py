"""An article for reading in the page: where each stored sentence starts in the original
text, and the characters to highlight in it (actors, each event's trigger, source and
target), all from the offsets the store keeps.

The store keeps sentences as text and events, quotes and actor mentions with offsets into
the original text; a sentence's own start is found from the offsets of the mentions in it
(the start that most of them agree on), and a mark is only placed where the stored text is
found at the stored offset.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter

MAX_GAP = 2000  # characters between two stored sentences (markup, captions) searched for anchors


def sentence_starts(sentences: list[str], anchors: list[tuple[int, str]]) -> list[int | None]:
    """Each sentence's offset in the original text, or None where no mention anchors it."""
    anchors = sorted((o, t) for o, t in anchors if t and o is not None)
    offsets = [o for o, _ in anchors]
    starts: list[int | None] = []
    floor = 0
    for text in sentences:
        votes: Counter[int] = Counter()
        lo = bisect.bisect_left(offsets, floor)
        hi = bisect.bisect_right(offsets, floor + len(text) + MAX_GAP)
        for o, t in anchors[lo:hi]:
            at = text.find(t)
            while at >= 0:
                if o - at >= floor:
                    votes[o - at] += 1
                at = text.find(t, at + 1)
        start = min(votes, key=lambda s: (-votes[s], s)) if votes else None
        starts.append(start)
        floor = (start if start is not None else floor) + len(text)
    return starts


def _word(text: str, word: str | None, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """The first whole-word occurrence of `word` in text[lo:hi]."""
    if not word:
        return None
    m = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)").search(text, lo, len(text) if hi is None else hi)
    return (m.start(), m.end()) if m else None


def event_marks(sentence: str, start: int | None, event: dict) -> list[list]:
    """[start, end, kind] in the sentence for the event's trigger, source and target: inside
    the event's stored span when the sentence's start is known, else the first whole word."""
    lo, hi = 0, len(sentence)
    if start is not None and event.get("start") is not None:
        lo, hi = max(0, event["start"] - start), min(len(sentence), event["end"] - start)
        if lo >= hi:
            lo, hi = 0, len(sentence)
    marks = []
    for kind, word in (("trigger", event.get("trigger")), ("source", event.get("source_text")),
                       ("target", event.get("target_text"))):
        found = _word(sentence, word, lo, hi) or _word(sentence, word)
        if found and not any(found[0] < e and found[1] > s for s, e, _ in marks):
            marks.append([found[0], found[1], kind])
    return sorted(marks)


def article_view(doc: dict, rows: dict[str, list[dict]]) -> dict:
    """The document with per-sentence actor marks and per-event marks."""
    sentences = doc["sentences"]
    anchors = [(a["start"], a["text"]) for a in rows["actors"]] + \
              [(q["start"], q["text"]) for q in rows["quotes"]]
    starts = sentence_starts(sentences, anchors)
    known = [(s, i) for i, s in enumerate(starts) if s is not None]
    actor_marks: dict[int, list] = {}
    for a in rows["actors"]:
        k = bisect.bisect_right([s for s, _ in known], a["start"]) - 1
        if k < 0:
            continue
        i = known[k][1]
        at = a["start"] - starts[i]
        if sentences[i][at:at + len(a["text"])] == a["text"]:
            actor_marks.setdefault(i, []).append([at, at + len(a["text"]), "actor",
                                                  f"{a['name'] or a['text']} ({a['code']})"])
    for e in rows["events"]:
        i = e["sentence_index"]
        if 0 <= i < len(sentences):
            e["marks"] = event_marks(sentences[i], starts[i], e)
    return {**doc, "sentence_starts": starts, "actor_marks": actor_marks, **rows}
