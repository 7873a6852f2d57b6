"""Place mentions in a parsed document, geocoded with the gazetteer in the light of the
article's other countries."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from dyadwatch.coding.context import DocContext
from dyadwatch.kb.gazetteer import Place
from dyadwatch.text.structure import BYLINE, PLACE_LINE


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int  # token indices, end exclusive
    end: int
    char_start: int  # in the parsed (normalized) text
    char_end: int
    place: Place


# entity labels the small tagger gives place names by mistake ("in Herat" as ORG, "the
# Kowloon area" as NORP): after a preposition of place the gazetteer decides
_MISTAKEN = {"", "ORG", "NORP", "PERSON"}


def _candidate_spans(doc: Doc, tokens: list, place_preps: frozenset[str], region_words: frozenset[str],
                     place_nouns: frozenset[str]):
    """Named places; proper names after a preposition of place that the tagger missed or
    mislabelled ("arrested protesters in Durban", "an attack in Herat"); and proper names
    before a region or place noun ("the western Herat province", "the Kowloon area")."""
    seen = set()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            seen.update(range(ent.start, ent.end))
            after = doc[ent.end] if ent.end < len(doc) else None
            region = after is not None and after.lower_ in region_words and ent.root.head.i == after.i
            yield ent.start, ent.end + region  # "Idlib province": the region, not its city
    for tok in tokens:
        head = tok.head
        if tok.dep_ == "compound" and tok.pos_ == "PROPN" and head.i == tok.i + 1 \
                and tok.i not in seen and head.lower_ in region_words | place_nouns:
            left = tok.i
            while left > 0 and doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN":
                left -= 1
            seen.update(range(left, tok.i + 1))
            yield left, head.i + 1 if head.lower_ in region_words else tok.i + 1
        elif tok.dep_ == "pobj" and tok.pos_ == "PROPN" and tok.head.lower_ in place_preps \
                and tok.i not in seen and tok.ent_type_ in _MISTAKEN:
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
    words = ctx.knowledge.words
    gazetteer = ctx.knowledge.gazetteer  # districts too, where the gazetteer has them
    lookup = getattr(gazetteer, "lookup_with_districts", gazetteer.lookup)
    for start, end in _candidate_spans(ctx.doc, ctx.tokens, words["place_mention_prep"],
                                       words["admin_region_word"], words["place_head_noun"]):
        span = ctx.doc[start:end]
        place = lookup(span.text, countries_outside(start, end))
        if place is not None:
            out.append(PlaceMention(start, end, span.start_char, span.end_char, place))
    return sorted(out, key=lambda p: p.start)


def stands_for_actor(ctx: DocContext, p: PlaceMention, preps: frozenset[str]) -> bool:
    """A place named as a party, not as where: a country that is not the object of a
    preposition of place ("Italy said", "called on Syria", "for Italy"), or any place
    that acts ("expulsions by Prague", "Prague had expelled")."""
    root = ctx.doc[p.start:p.end].root
    while root.dep_ in ("compound", "conj", "appos") and root.head.i != root.i:
        root = root.head
    if root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "pobj" and root.head.lower_ == "by"):
        return True
    return p.place.feature == "country" and not (root.dep_ == "pobj" and root.head.lower_ in preps)


def dateline_place(ctx: DocContext) -> Place | None:
    """The place the article's wire dateline names ("KABUL, Afghanistan (AP) -"), else the
    place a place line among its bylines names ("CARACAS", "AP, SEOUL"), if any."""
    lines = [re.split(r"[(:•—–]| -", line)[0] for line in ctx.norm.datelines]
    lines += [s.text.strip() for s, role in zip(ctx.sents, ctx.sentence_roles)
              if role == BYLINE and PLACE_LINE.match(s.text.strip())]
    for head in lines:
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
