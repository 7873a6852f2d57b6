"""Place mentions in a parsed document, geocoded with the gazetteer in the light of the
article's other countries."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from dyadwatch.coding.context import DocContext
from dyadwatch.kb.gazetteer import Place


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int  # token indices, end exclusive
    end: int
    char_start: int  # in the parsed (normalized) text
    char_end: int
    place: Place


def _candidate_spans(doc: Doc, place_preps: frozenset[str]):
    """Named places, and proper names after a preposition of place that the tagger missed
    ("arrested protesters in Durban")."""
    seen = set()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            seen.update(range(ent.start, ent.end))
            yield ent.start, ent.end
    for tok in doc:
        if tok.dep_ == "pobj" and tok.pos_ == "PROPN" and tok.head.lower_ in place_preps \
                and tok.i not in seen and not tok.ent_type_:
            left = tok.i
            while left > 0 and (doc[left - 1].whitespace_ == "" or (
                    doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN")):
                left -= 1  # "Nagorno-Karabakh", "San Jose"
            seen.update(range(left, tok.i + 1))
            yield left, tok.i + 1


def find_places(ctx: DocContext) -> list[PlaceMention]:
    """Place mentions geocoded in the light of the countries the article names outside them."""
    counts = Counter(m.entry.country for m in ctx.mentions if m.entry and m.entry.country)

    def countries_outside(start: int, end: int) -> frozenset[str]:
        inside = Counter(m.entry.country for m in {ctx.mention_at[i] for i in range(start, end)
                                                   if i in ctx.mention_at}
                         if m.entry and m.entry.country)
        return frozenset(c for c, n in counts.items() if n > inside[c])

    out = []
    preps = ctx.knowledge.words["place_mention_prep"]
    for start, end in _candidate_spans(ctx.doc, preps):
        span = ctx.doc[start:end]
        place = ctx.knowledge.gazetteer.lookup(span.text, countries_outside(start, end))
        if place is not None:
            out.append(PlaceMention(start, end, span.start_char, span.end_char, place))
    return sorted(out, key=lambda p: p.start)


def dateline_place(ctx: DocContext) -> Place | None:
    """The place the article's wire dateline names ("KABUL, Afghanistan (AP) -"), if any."""
    for line in ctx.norm.datelines:
        head = re.split(r"[(:•—–]| -", line)[0]
        for name in re.split(r"[,/]", head):
            place = ctx.knowledge.gazetteer.lookup(name.strip()) if name.strip() else None
            if place is not None and place.country:
                return place
    return None


def article_country(ctx: DocContext) -> str | None:
    """The country the article reports from: its dateline's place, else the country its actors
    name most (at least twice)."""
    if ctx.dateline_place is not None:
        return ctx.dateline_place.country
    counts = Counter(m.entry.country for m in ctx.mentions if m.entry and m.entry.country)
    top = counts.most_common(1)
    return top[0][0] if top and top[0][1] >= 2 else None
