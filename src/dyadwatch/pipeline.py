"""The whole extraction: normalize -> parse -> actors -> quotes -> events -> Extraction."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from .actors import DocumentActors
from .events import Candidate, EventCoder
from .knowledge import load_knowledge_base
from .language import foreign_language
from .lexicon import verb_lexicon
from .normalize import NormalizedText, normalize
from .parse import load_nlp
from .quotes import QuoteFinder
from .records import Extraction, Failure, InputDocument
from .segment import segments

MAX_DOCUMENT_CHARS = 1_000_000


@dataclass(slots=True)
class Explanation:
    doc: Doc
    actors: DocumentActors
    candidates: list[Candidate]
    extraction: Extraction


class Pipeline:
    """Loads the model and the dictionaries once; then processes documents one by one or in
    batches through `nlp.pipe`."""

    def __init__(self, model: str | None = None, actor_files: Iterable[str] = ()):
        self.nlp = load_nlp(model)
        self.kb = load_knowledge_base(tuple(actor_files))
        self.coder = EventCoder(verb_lexicon())
        self.quote_finder = QuoteFinder()

    def _check(self, inp: InputDocument) -> Failure | None:
        if not inp.text or not inp.text.strip():
            return Failure(inp.doc_id, inp.origin, "empty document: no text to code")
        if len(inp.text) > MAX_DOCUMENT_CHARS:
            return Failure(inp.doc_id, inp.origin,
                           f"document too large: {len(inp.text):,} characters, the limit is "
                           f"{MAX_DOCUMENT_CHARS:,}; split it into articles")
        if not re.search(r"[^\W\d_]{2}", inp.text):
            return Failure(inp.doc_id, inp.origin, "no words to code (only symbols, digits or emoji)")
        foreign = foreign_language(inp.text)
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
                    yield self._build(item[0], item[1], next(docs))
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
        ext, actors, candidates = self._analyse(InputDocument("explain", text, published), norm, doc)
        return Explanation(doc, actors, candidates, ext)

    @staticmethod
    def _place_record(mention, norm: NormalizedText) -> dict:
        start, end = norm.to_original(mention.char_start, mention.char_end)
        return {"text": norm.original[start:end], "start": start, "end": end,
                **mention.place.to_dict()}

    def _build(self, inp: InputDocument, norm: NormalizedText, doc: Doc) -> Extraction:
        return self._analyse(inp, norm, doc)[0]

    def _analyse(self, inp: InputDocument, norm: NormalizedText, doc: Doc):
        published = inp.published[:10] if inp.published else None
        actors = DocumentActors(doc, norm, self.kb, published)
        sents = [s for s in doc.sents if s.text.strip()]
        events, candidates = [], []
        for i, sent in enumerate(sents):
            evs, cands = self.coder.code_sentence(sent, i, actors, published)
            events.extend(evs)
            candidates.extend(cands)
        quotes = self.quote_finder.find(doc, sents, actors)
        named = [actors.resolve(doc[m.start]) for m in actors.mentions if m.entry]
        sentences = [norm.original_span(s.start_char, s.end_char).strip() for s in sents]
        ext = Extraction(inp.doc_id, published, events, quotes, [a for a in named if a],
                         [self._place_record(p, norm) for p in actors.places], sentences,
                         title=inp.title, url=inp.url)
        return ext, actors, candidates


@functools.lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
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
