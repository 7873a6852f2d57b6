"""The whole extraction of one document, stage after stage:

    normalize -> parse (spaCy) -> sentences -> actor mentions -> places -> actor resolver
    -> events (per sentence) -> quotes -> Extraction

`Pipeline` loads the spaCy model and builds (lazily, once) the knowledge and the stages that
need it; each document then gets its own `DocContext`, which every stage reads and fills.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from spacy.tokens import Doc

from dyadwatch.coding.actors import ActorResolver
from dyadwatch.coding.context import DocContext
from dyadwatch.coding.events import Candidate, EventCoder
from dyadwatch.coding.mentions import MentionMatcher
from dyadwatch.coding.phrase import resolve_phrase
from dyadwatch.coding.places import find_places
from dyadwatch.coding.quotes import QuoteFinder
from dyadwatch.kb.knowledge import Knowledge
from dyadwatch.records import Actor, Extraction, Failure, InputDocument
from dyadwatch.text.language import LanguageCheck
from dyadwatch.text.normalize import NormalizedText, normalize
from dyadwatch.text.parse import load_nlp
from dyadwatch.text.segment import segments

MAX_DOCUMENT_CHARS = 1_000_000


@dataclass(slots=True)
class Explanation:
    doc: Doc
    context: DocContext
    candidates: list[Candidate]
    extraction: Extraction

    @property
    def actors(self) -> ActorResolver:
        return self.context.actors


class Pipeline:
    """Loads the model once; builds the knowledge and the stages on first use; then processes
    documents one by one or in batches through `nlp.pipe`."""

    def __init__(self, model: str | None = None, actor_files: Iterable[str] = (),
                 knowledge: Knowledge | None = None, data_dir: str | Path | None = None):
        """`knowledge` (or `data_dir` and `actor_files` to build it from) is what the stages
        know: see `dyadwatch.kb.knowledge.Knowledge`."""
        self.nlp = load_nlp(model)
        self.knowledge = knowledge or Knowledge(data_dir, tuple(actor_files))

    @cached_property
    def mention_matcher(self) -> MentionMatcher:
        return MentionMatcher(self.nlp, self.knowledge.actors)

    @cached_property
    def event_coder(self) -> EventCoder:
        return EventCoder(self.knowledge)

    @cached_property
    def quote_finder(self) -> QuoteFinder:
        return QuoteFinder(self.knowledge)

    @cached_property
    def language_check(self) -> LanguageCheck:
        return LanguageCheck()

    def _check(self, inp: InputDocument) -> Failure | None:
        if not inp.text or not inp.text.strip():
            return Failure(inp.doc_id, inp.origin, "empty document: no text to code")
        if len(inp.text) > MAX_DOCUMENT_CHARS:
            return Failure(inp.doc_id, inp.origin,
                           f"document too large: {len(inp.text):,} characters, the limit is "
                           f"{MAX_DOCUMENT_CHARS:,}; split it into articles")
        if not re.search(r"[^\W\d_]{2}", inp.text):
            return Failure(inp.doc_id, inp.origin, "no words to code (only symbols, digits or emoji)")
        foreign = self.language_check.foreign(inp.text)
        if foreign:
            return Failure(inp.doc_id, inp.origin, f"not English: {foreign[0]} (probability "
                           f"{foreign[1]:.2f}); dyadwatch codes English news", "skipped")
        return None

    def process_many(self, docs: Iterable[InputDocument | Failure],
                     batch_size: int = 16) -> Iterator[Extraction | Failure]:
        """Stream documents through the parser in batches; failures pass straight through."""
        batch: list[Failure | tuple[InputDocument, NormalizedText]] = []

        def flush():
            todo = [b for b in batch if not isinstance(b, Failure)]
            pieces = [segments(n.text) for _, n in todo]
            parsed = self.nlp.pipe((p for ps in pieces for p in ps), batch_size=batch_size)
            docs = iter([Doc.from_docs([next(parsed) for _ in ps], ensure_whitespace=False)
                         if len(ps) > 1 else next(parsed) for ps in pieces])
            for item in batch:  # failures keep their place in the input order
                if isinstance(item, Failure):
                    yield item
                else:
                    yield self._analyse(item[0], item[1], next(docs))[0]
            batch.clear()

        for inp in docs:
            if not isinstance(inp, Failure):
                inp = self._check(inp) or inp
            batch.append(inp if isinstance(inp, Failure) else (inp, normalize(inp.text)))
            if len(batch) >= batch_size:
                yield from flush()
        if batch:
            yield from flush()

    def process(self, inp: InputDocument) -> Extraction | Failure:
        return next(self.process_many([inp]))

    def explain(self, text: str, published: str | None = None) -> Explanation:
        norm = normalize(text)
        doc = self.nlp(norm.text)
        ext, ctx, candidates = self._analyse(InputDocument("explain", text, published), norm, doc)
        return Explanation(doc, ctx, candidates, ext)

    def resolve_phrase(self, text: str, date: str | None = None,
                       context: str | None = None) -> Actor | None:
        """The actor a short description names on its own ("the Mongolian President");
        `context` (e.g. "Mexican") is read as a nationality hint."""
        phrase = f"{context} {text}" if context else text
        norm = normalize(phrase)
        return resolve_phrase(self.context(self.nlp(norm.text), norm, date), text)

    def context(self, doc: Doc, norm: NormalizedText, date: str | None) -> DocContext:
        """A parsed document's context, with its sentences, mentions, places and resolver."""
        ctx = DocContext(doc, norm, date, self.knowledge,
                         sents=[s for s in doc.sents if s.text.strip()])
        ctx.set_mentions(self.mention_matcher(ctx))
        ctx.set_places(find_places(ctx))
        ctx.actors = ActorResolver(ctx)
        return ctx

    def _analyse(self, inp: InputDocument, norm: NormalizedText, doc: Doc):
        published = inp.published[:10] if inp.published else None
        ctx = self.context(doc, norm, published)
        events, candidates = [], []
        for i, sent in enumerate(ctx.sents):
            evs, cands = self.event_coder.code_sentence(ctx, sent, i)
            events.extend(evs)
            candidates.extend(cands)
        quotes = self.quote_finder.find(ctx)
        named = [ctx.actors.resolve(doc[m.start]) for m in ctx.mentions if m.entry]
        sentences = [ctx.original_text(s.start_char, s.end_char).strip() for s in ctx.sents]
        ext = Extraction(inp.doc_id, published, events, quotes, [a for a in named if a],
                         [_place_record(ctx, p) for p in ctx.places], sentences,
                         title=inp.title, url=inp.url)
        return ext, ctx, candidates


def _place_record(ctx: DocContext, mention) -> dict:
    start, end = ctx.original_offsets(mention.char_start, mention.char_end)
    return {"text": ctx.norm.original[start:end], "start": start, "end": end,
            **mention.place.to_dict()}


@functools.lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The pipeline behind `dyadwatch.extract` (the public one-call API), built on first use."""
    return Pipeline()


def extract(text: str, published: str | None = None, doc_id: str = "doc") -> Extraction:
    """Code one article: `dyadwatch.extract(text, published="2021-06-11").events`."""
    result = default_pipeline().process(InputDocument(doc_id, text, published))
    if isinstance(result, Failure):
        raise ValueError(f"{result.doc_id}: {result.reason}")
    return result


def extract_batch(docs: Iterable[InputDocument | tuple[str, str] | str],
                  batch_size: int = 16) -> Iterator[Extraction | Failure]:
    """Code many articles through `nlp.pipe`: items are InputDocument, (doc_id, text) or text."""

    def as_input(i, d):
        if isinstance(d, InputDocument):
            return d
        if isinstance(d, tuple):
            return InputDocument(str(d[0]), d[1])
        return InputDocument(str(i), d)

    return default_pipeline().process_many((as_input(i, d) for i, d in enumerate(docs)), batch_size)
