"""Place mentions in a parsed document, geocoded with the gazetteer in the light of the
article's other countries."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.parts_of_speech import PROPN
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
# Kowloon area" as NORP, "in Tunis" as LANGUAGE): after a preposition of place the gazetteer
# decides
_MISTAKEN = {"", "ORG", "NORP", "PERSON", "LANGUAGE"}


def _candidate_spans(doc: Doc, tokens: list, pos_ids: list[int], place_preps: frozenset[str],
                     region_words: frozenset[str], place_nouns: frozenset[str], persons: set[int]):
    """Named places, with the name to look up; proper names after a preposition of place that
    the tagger missed or mislabelled ("arrested protesters in Durban", "an attack in Herat"),
    unless the article names a person so ("that of Machado"); and proper names before a
    region or place noun ("the western Herat province", "the Kowloon area")."""
    seen = set(persons)
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC") and \
                not persons.intersection(range(ent.start, ent.end)):
            seen.update(range(ent.start, ent.end))
            after = doc[ent.end] if ent.end < len(doc) else None
            region = after is not None and after.lower_ in region_words and ent.root.head.i == after.i
            span = doc[ent.start:ent.end + region]  # "Idlib province": the region, not its city
            yield ent.start, span.end, _as_region(span.text, ent.root, region_words)
    region_or_place = region_words | place_nouns
    for tok in (tokens[i] for i, pos in enumerate(pos_ids) if pos == PROPN):
        # (both kinds of name below are proper nouns)
        head = tok.head
        if tok.dep_ == "compound" and head.i == tok.i + 1 \
                and tok.i not in seen and head.lower_ in region_or_place:
            left = tok.i
            while left > 0 and doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN":
                left -= 1
            seen.update(range(left, tok.i + 1))
            end = head.i + 1 if head.lower_ in region_words else tok.i + 1
            yield left, end, doc[left:end].text
        elif tok.dep_ == "pobj" and tok.head.lower_ in place_preps \
                and tok.i not in seen and tok.ent_type_ in _MISTAKEN:
            left = tok.i
            while left > 0 and (doc[left - 1].whitespace_ == "" or (
                    doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN")):
                left -= 1  # "Nagorno-Karabakh", "San Jose"
            seen.update(range(left, tok.i + 1))
            yield left, tok.i + 1, _as_region(doc[left:tok.i + 1].text, tok, region_words)


def _as_region(name: str, root, region_words: frozenset[str]) -> str:
    """"the northern region of Timbuktu": the name looked up as a region's ("Timbuktu region")."""
    of = root.head
    if root.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ in region_words:
        return f"{name} {of.head.lower_}"
    return name


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
    # persons the dictionaries or the article name ("that of Machado" after "María Corina
    # Machado"); a lone word the tagger calls a person may still be a place ("in Rakhine")
    persons = {i for m in ctx.mentions
               if m.is_person and (m.entry or m.full_name or m.end - m.start > 1)
               for i in range(m.start, m.end)}
    for start, end, name in _candidate_spans(ctx.doc, ctx.tokens, ctx.pos_ids,
                                             words["place_mention_prep"],
                                             words["admin_region_word"], words["place_head_noun"],
                                             persons):
        span, outside = ctx.doc[start:end], countries_outside(start, end)
        place = lookup(name, outside) or (lookup(span.text, outside) if name != span.text else None)
        if place is not None:
            out.append(PlaceMention(start, end, span.start_char, span.end_char, place))
    return sorted(out, key=lambda p: p.start)


def stands_for_actor(ctx: DocContext, p: PlaceMention, preps: frozenset[str],
                     capitals: bool = False) -> bool:
    """A place named as a party, not as where: a country (with `capitals`, a capital too) that
    is not the object of a preposition of place ("Italy said", "called on Syria", "hitting
    Moscow with sanctions", "Washington's influence"), or any place that acts ("expulsions by
    Prague", "Prague had expelled")."""
    root = ctx.doc[p.start:p.end].root
    while root.dep_ in ("compound", "conj", "appos") and root.head.i != root.i:
        root = root.head
    if root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "pobj" and root.head.lower_ == "by"):
        return True
    party = p.place.feature == "country" or (
        capitals and p.place.geonames_id in ctx.knowledge.gazetteer.capital_ids)
    return party and not (root.dep_ == "pobj" and root.head.lower_ in preps)


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
    """The country the article reports on: its dateline's place, unless the text never names
    that country and names another at least twice (a wire report datelined at a regional hub:
    "NAIROBI, Kenya (AP) -" over a bombing in Mogadishu); else the country its actors and places
    name most (at least twice)."""
    counts = Counter(m.entry.country for m in ctx.mentions if m.entry and m.entry.country)
    counts.update(p.place.country for p in ctx.places  # towns and regions, not names counted above
                  if p.place.country and p.start not in ctx.mention_at)
    top = counts.most_common(1)
    named = top[0][0] if top and top[0][1] >= 2 else None
    if ctx.dateline_place is not None:
        home = ctx.dateline_place.country
        return named if named and not counts[home] else home
    return named


def meeting_venue(ctx: DocContext) -> Place | None:
    """Where the article's talks are held: the first place after a preposition of place on a
    gathering noun or on the verb it is the subject of ("a summit in Geneva", "peace talks ...
    began in the South African capital Pretoria")."""
    venues = ctx.knowledge.words["venue_noun"]
    preps = ctx.knowledge.words["event_location_prep"]
    for p in ctx.places:
        tok = ctx.doc[p.start:p.end].root
        while tok.dep_ == "appos" and tok.head.i != tok.i:  # "the capital Pretoria"
            tok = tok.head
        prep = tok.head
        if tok.dep_ != "pobj" or prep.lower_ not in preps or not p.place.country:
            continue
        holder = prep.head
        if holder.lower_ in venues or \
                any(_subject_in(ctx, c, venues) for c in ctx.children(holder)):
            return p.place
    return None


def _subject_in(ctx: DocContext, tok, nouns: frozenset[str]) -> bool:
    """Whether a verb's dependent is one of `nouns` as a subject, or has one as its own
    subject ("talks mediated by the AU began": parsed as a clause on "began")."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return tok.lower_ in nouns
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in nouns for c in ctx.children(tok))
