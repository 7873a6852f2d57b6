"""Resolve a short actor description on its own ("the Mongolian President", "Syrian
mercenaries"), as `actors lookup` and the actor benchmarks need it."""
from __future__ import annotations

from dyadwatch.coding.context import DocContext
from dyadwatch.records import Actor


def resolve_phrase(ctx: DocContext, text: str) -> Actor | None:
    """The actor the parsed phrase in `ctx` names; `text` is the phrase without its context
    words, for the gazetteer's last try."""
    doc = ctx.doc
    roots = [t for t in doc if t.head.i == t.i and not t.is_punct]
    for head in roots + [t for t in doc if t.pos_ in ("PROPN", "NOUN")]:
        actor = ctx.actors.resolve(head)
        if actor is not None and actor.code:
            return actor
    for m in ctx.mentions:  # a name inside a phrase the parser cut oddly
        if m.entry:
            return ctx.actors.resolve(doc[m.start])
    place = ctx.knowledge.gazetteer.lookup(text)  # a town the tagger did not see as a place
    if place is not None and place.country:
        return Actor(text, place.name, place.country, place.country, None, 0, len(text),
                     f"place: {place.name}, {place.country}")
    return None
