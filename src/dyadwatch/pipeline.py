"""The whole extraction of one document, stage after stage:

    normalize -> parse (spaCy) -> sentences -> actor mentions -> places -> actor resolver
    -> events (per sentence) -> quotes -> Extraction

`Pipeline` loads the spaCy model and builds (lazily, once) the knowledge and the stages that
need it; each document then gets its own `DocContext`, which every stage reads and fills.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import re
import signal
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from spacy.tokens import Doc

from dyadwatch.coding.actors import ActorResolver
from dyadwatch.coding.article import codes_events
from dyadwatch.coding.context import DocContext
from dyadwatch.coding.events import Candidate, EventCoder
from dyadwatch.coding.mentions import MentionMatcher
from dyadwatch.coding.phrase import resolve_phrase
from dyadwatch.coding.places import article_country, dateline_place, find_places, meeting_venue
from dyadwatch.coding.quotes import QuoteFinder, direct_quote_spans
from dyadwatch.kb.knowledge import Knowledge
from dyadwatch.records import Actor, Extraction, Failure, InputDocument
from dyadwatch.text.language import LanguageCheck
from dyadwatch.text.normalize import NormalizedText, normalize
from dyadwatch.text.parse import load_nlp
from dyadwatch.text.segment import joined_pieces, segments
from dyadwatch.text.structure import ArticleStructure, role_at

MAX_DOCUMENT_CHARS = 1_000_000
# a longer document is coded in independent pieces of about this size, cut at sentence ends
# (memory per document stays bounded; coreference does not reach across pieces)
PIECE_CHARS = 100_000
# a title-case "City:" opening a paragraph is a dateline only for a city at least this large
DATELINE_CITY_POPULATION = 50_000
# each document's time budget: this many seconds, plus one per this many characters
TIME_BUDGET_SECONDS = 30
TIME_BUDGET_CHARS_PER_SECOND = 2_000


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
                 knowledge: Knowledge | None = None, data_dir: str | Path | None = None,
                 min_confidence: float | None = None, decide: bool = True):
        """`knowledge` (or `data_dir` and `actor_files` to build it from) is what the stages
        know: see `dyadwatch.kb.knowledge.Knowledge`. The event model keeps the events whose
        probability reaches `min_confidence` (default: the model's own threshold); with
        `decide=False` every candidate the rules propose is kept (for training the model)."""
        self.nlp = load_nlp(model)
        self.knowledge = knowledge or Knowledge(data_dir, tuple(actor_files))
        self.min_confidence, self.decide = min_confidence, decide
        self._loaded = False

    def load(self) -> Pipeline:
        """Build every stage now (else on first use), then take what was loaded (the model,
        the knowledge, the matchers: millions of objects that live as long as the process) out
        of the garbage collector's scans, which otherwise walk them again and again while
        documents are coded."""
        if not self._loaded:
            # each stage built now, not during the first document
            (self.mention_matcher, self.event_coder, self.quote_finder,  # noqa: B018
             self.language_check, self.article_structure, self.knowledge.event_model,
             self.knowledge.gazetteer)
            gc.freeze()
            self._loaded = True
        return self

    @cached_property
    def mention_matcher(self) -> MentionMatcher:
        return MentionMatcher(self.nlp, self.knowledge.actors, self.knowledge.words)

    @cached_property
    def event_coder(self) -> EventCoder:
        return EventCoder(self.knowledge)

    @cached_property
    def quote_finder(self) -> QuoteFinder:
        return QuoteFinder(self.knowledge)

    @cached_property
    def language_check(self) -> LanguageCheck:
        return LanguageCheck(english_words=self.knowledge.words["english_function_word"])

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
        """Stream documents through the parser in batches; failures pass straight through.

        Each document is isolated: any exception while checking, parsing or coding it (a date
        out of range, a parser error, its time budget spent) becomes that document's Failure
        with the reason, and the rest of the batch goes on. A document longer than PIECE_CHARS
        is coded in independent pieces cut at sentence ends (offsets and sentence numbers
        joined back), so memory per document stays bounded whatever its length."""

        self.load()

        class OverBudget(Exception):
            pass

        @contextlib.contextmanager
        def time_budget(chars: int):
            seconds = TIME_BUDGET_SECONDS + chars / TIME_BUDGET_CHARS_PER_SECOND
            if threading.current_thread() is not threading.main_thread() \
                    or not hasattr(signal, "setitimer"):
                yield  # an alarm can only interrupt the main thread (Dask runs tasks in threads)
                return

            def over(signum, frame):
                raise OverBudget(seconds)

            previous = signal.signal(signal.SIGALRM, over)
            signal.setitimer(signal.ITIMER_REAL, seconds)
            try:
                yield
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)

        def guarded(inp: InputDocument, work, chars: int | None = None):
            try:
                with time_budget(len(inp.text) if chars is None else chars):
                    return work()
            except OverBudget as exc:
                return Failure(inp.doc_id, inp.origin, f"coding took longer than its time budget "
                               f"({exc.args[0]:.0f} s): split it into articles, or report it")
            except MemoryError:
                return Failure(inp.doc_id, inp.origin, "ran out of memory while coding it: split "
                               "it into articles")
            except Exception as exc:  # noqa: BLE001 - one document's fault never stops a batch
                return Failure(inp.doc_id, inp.origin, f"could not be coded ({type(exc).__name__}: "
                               f"{str(exc)[:200]}); the rest of the batch went on")

        def parse_all(todo: list[tuple[InputDocument, NormalizedText]]) -> list:
            """Each document's Doc (or Failure): parsed together, else one by one."""
            def parse(items):
                pieces = [segments(n.text) for _, n in items]
                parsed = self.nlp.pipe((p for ps in pieces for p in ps), batch_size=batch_size)
                return [Doc.from_docs([next(parsed) for _ in ps], ensure_whitespace=False)
                        if len(ps) > 1 else next(parsed) for ps in pieces]

            together = guarded(todo[0][0], lambda: parse(todo), sum(len(n.text) for _, n in todo))
            if not isinstance(together, Failure) or len(todo) == 1:
                return together if not isinstance(together, Failure) else [together]
            return [guarded(inp, lambda i=inp, n=norm: parse([(i, n)])[0]) for inp, norm in todo]

        def code(batch: list) -> Iterator[Extraction | Failure]:
            todo = [b for b in batch if not isinstance(b, Failure)]
            parsed = iter(parse_all(todo) if todo else [])
            for item in batch:  # failures keep their place in the input order
                if isinstance(item, Failure):
                    yield item
                    continue
                inp, norm = item
                doc = next(parsed)
                yield doc if isinstance(doc, Failure) else guarded(
                    inp, lambda: self._analyse(inp, norm, doc)[0])

        def in_pieces(inp: InputDocument) -> Extraction | Failure:
            parts = segments(inp.text, PIECE_CHARS)
            starts = [sum(len(p) for p in parts[:i]) for i in range(len(parts))]
            items = [guarded(inp, lambda p=p: (InputDocument(inp.doc_id, p, inp.published, inp.url,
                                                             inp.title, inp.origin), self.normalize(p)))
                     for p in parts]
            results = [r for item in items for r in code([item])]  # one parsed piece alive at a time
            failed = next((r for r in results if isinstance(r, Failure)), None)
            return failed or joined_pieces(inp, results, starts)

        def prepared(inp: InputDocument):
            """The document's Failure, None when it is coded in pieces, else (it, normalized)."""
            failure = self._check(inp)
            if failure is not None or len(inp.text) > PIECE_CHARS:
                return failure
            return inp, self.normalize(inp.text)

        batch: list = []
        for inp in docs:
            if not isinstance(inp, Failure):
                item = guarded(inp, lambda: prepared(inp))  # one time budget for both
                if item is None:
                    yield from code(batch)
                    batch.clear()
                    yield in_pieces(inp)
                    continue
                inp = item
            batch.append(inp)
            if len(batch) >= batch_size:
                yield from code(batch)
                batch.clear()
        if batch:
            yield from code(batch)

    def process(self, inp: InputDocument) -> Extraction | Failure:
        return next(self.process_many([inp]))

    def explain(self, text: str, published: str | None = None) -> Explanation:
        norm = self.normalize(text)
        doc = self.nlp(norm.text)
        ext, ctx, candidates = self._analyse(InputDocument("explain", text, published), norm, doc)
        return Explanation(doc, ctx, candidates, ext)

    def resolve_phrase(self, text: str, date: str | None = None,
                       context: str | None = None) -> Actor | None:
        """The actor a short description names on its own ("the Mongolian President");
        `context` (e.g. "Mexican") is read as a nationality hint."""
        phrase = f"{context} {text}" if context else text
        norm = self.normalize(phrase)
        return resolve_phrase(self.context(self.nlp(norm.text), norm, date), text)

    def normalize(self, text: str) -> NormalizedText:
        """The text repaired (`text.normalize`), with the gazetteer telling datelines' cities."""
        return normalize(text, self._is_city)

    def _is_city(self, name: str) -> bool:
        place = self.knowledge.gazetteer.lookup(name)
        return place is not None and place.feature == "city" and \
            place.population >= DATELINE_CITY_POPULATION

    @cached_property
    def article_structure(self) -> ArticleStructure:
        words = self.knowledge.words
        return ArticleStructure(words["news_agency"], words["credit_phrase"])

    def context(self, doc: Doc, norm: NormalizedText, date: str | None) -> DocContext:
        """A parsed document's context, with its sentences, mentions, places and resolver."""
        text = norm.text  # a span's text, sliced: `Span.text` joins its tokens anew each time
        sents = [s for s in doc.sents if text[s.start_char:s.end_char].strip()]
        paragraphs = self.article_structure.paragraphs(text)
        structure = self.article_structure
        roles = [structure.sentence_role(role_at(paragraphs, s.start_char),
                                         text[s.start_char:s.end_char]) for s in sents]
        ctx = DocContext(doc, norm, date, self.knowledge, sents=sents, sentence_roles=roles)
        ctx.set_mentions(self.mention_matcher(ctx))
        ctx.set_places(find_places(ctx))
        ctx.dateline_place = dateline_place(ctx)
        ctx.venue = meeting_venue(ctx)
        ctx.article_country = article_country(ctx)
        ctx.quoted = direct_quote_spans(norm.text)
        ctx.actors = ActorResolver(ctx)
        return ctx

    def _analyse(self, inp: InputDocument, norm: NormalizedText, doc: Doc):
        published = inp.published[:10] if inp.published else None
        ctx = self.context(doc, norm, published)
        ctx.quotes = quotes = self.quote_finder.find(ctx)
        events, candidates = [], []
        for i, sent in enumerate(ctx.sents):
            if not codes_events(ctx.sentence_roles[i]):
                continue
            evs, cands = self.event_coder.code_sentence(ctx, sent, i)
            ctx.acts.extend(evs)
            events.extend(evs)
            candidates.extend(cands)
        model = self.knowledge.event_model
        if self.decide and model is not None:
            events = model.decide(events, self.min_confidence)
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
