"""Typed records passed between the pipeline's stages and written out by the CLI."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class InputDocument:
    """One article as read by `ingest`, before any processing."""

    doc_id: str
    text: str
    published: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str = ""  # file (and line) it came from, for error messages


@dataclass(slots=True)
class Failure:
    """A document that could not be read or processed, and why."""

    doc_id: str
    origin: str
    reason: str
    status: str = "failed"  # failed | skipped (read fine, but not for us: another language)


@dataclass(slots=True)
class Actor:
    """A resolved actor mention: the words in the text and who they stand for."""

    text: str
    name: str | None
    code: str | None
    country: str | None
    sector: str | None
    start: int = 0  # character offsets into the original text
    end: int = 0
    how: str = ""  # why it resolved this way (dictionary, role, pronoun...), for `explain`

    def to_dict(self, offsets: bool = False) -> dict[str, Any]:
        d = {"text": self.text, "name": self.name, "code": self.code,
             "country": self.country, "sector": self.sector}
        if offsets:
            d.update(start=self.start, end=self.end)
        return d


@dataclass(slots=True)
class Event:
    sentence: str
    sentence_index: int
    source: Actor
    target: Actor | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: dict[str, str | None]
    trigger: str
    start: int  # span of the trigger's clause in the original text
    end: int
    confidence: float
    negated: bool = False
    context: list[str] = field(default_factory=list)
    date: str | None = None
    date_granularity: str | None = None
    date_source: str | None = None
    location: dict[str, Any] | None = None
    rule: str = ""  # the pattern that fired, for `explain`
    # what the event model reads (coding.decision), kept out of the output
    features: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("features")
        d["source"] = self.source.to_dict()
        d["target"] = self.target.to_dict() if self.target else None
        return d


@dataclass(slots=True)
class Quote:
    text: str
    kind: str  # direct | indirect | mixed
    speaker: Actor | None
    cue: str | None
    addressee: str | None
    sentence_index: int
    start: int
    end: int
    closed: bool = True  # False when the closing quote mark was never found

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["speaker"] = self.speaker.to_dict() if self.speaker else None
        return d


@dataclass(slots=True)
class Extraction:
    """Everything dyadwatch found in one document."""

    doc_id: str
    published: str | None
    events: list[Event]
    quotes: list[Quote]
    actors: list[Actor] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)  # original text, by sentence_index
    title: str | None = None
    url: str | None = None

    def to_dict(self, with_sentences: bool = False) -> dict[str, Any]:
        d = {"doc_id": self.doc_id, "published": self.published, "title": self.title,
             "url": self.url, "events": [e.to_dict() for e in self.events],
             "quotes": [q.to_dict() for q in self.quotes],
             "actors": [a.to_dict(offsets=True) for a in self.actors],
             "places": self.places}
        if with_sentences:  # for the store's drill-down
            d["sentences"] = self.sentences
        return d
