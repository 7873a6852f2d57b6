"""Resolve a short actor description on its own ("the Mongolian President", "Syrian
mercenaries"), as `actors lookup` and the actor benchmarks need it."""
from __future__ import annotations

from .actors import DocumentActors
from .normalize import normalize
from .places import gazetteer
from .records import Actor


def resolve_phrase(pipeline, text: str, date: str | None = None,
                   context: str | None = None) -> Actor | None:
    """The actor a phrase names; `context` (e.g. "Mexican") is read as a nationality hint."""
    phrase = f"{context} {text}" if context else text
    norm = normalize(phrase)
    doc = pipeline.nlp(norm.text)
    actors = DocumentActors(doc, norm, pipeline.kb, date)
    roots = [t for t in doc if t.head.i == t.i and not t.is_punct]
    for head in roots + [t for t in doc if t.pos_ in ("PROPN", "NOUN")]:
        actor = actors.resolve(head)
        if actor is not None and actor.code:
            return actor
    for m in actors.mentions:  # a name inside a phrase the parser cut oddly
        if m.entry:
            return actors.resolve(doc[m.start])
    place = gazetteer().lookup(text)  # a town the tagger did not see as a place
    if place is not None and place.country:
        return Actor(text, place.name, place.country, place.country, None, 0, len(text),
                     f"place: {place.name}, {place.country}")
    return None
