"""The per-document context every coding stage receives: the parsed text, its repairs and the
map back to the original characters, the publication date, the knowledge in use, and what
earlier stages found (sentences, actor mentions, places, the actor resolver)."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from spacy.attrs import DEP, HEAD, LEMMA, POS
from spacy.tokens import Doc, Span, Token

from dyadwatch.kb.gazetteer import Place
from dyadwatch.kb.knowledge import Knowledge
from dyadwatch.kb.names import alias_key
from dyadwatch.records import Event, Quote
from dyadwatch.text.normalize import NormalizedText

if TYPE_CHECKING:  # the stages that fill these in import this module
    from dyadwatch.coding.actors import ActorResolver
    from dyadwatch.coding.mentions import Mention
    from dyadwatch.coding.places import PlaceMention
    from dyadwatch.coding.quotes import QuoteSpan


@dataclass(eq=False)
class DocContext:
    doc: Doc
    norm: NormalizedText
    date: str | None  # the publication day, YYYY-MM-DD
    knowledge: Knowledge
    sents: list[Span] = field(default_factory=list)
    sentence_roles: list[str] = field(default_factory=list)  # text.structure role per sentence
    mentions: list[Mention] = field(default_factory=list)
    mention_at: dict[int, Mention] = field(default_factory=dict)  # token index -> mention
    places: list[PlaceMention] = field(default_factory=list)
    place_at: dict[int, PlaceMention] = field(default_factory=dict)
    article_country: str | None = None  # where the article reports from (coding.places)
    dateline_place: Place | None = None  # the place its wire dateline names, if any
    venue: Place | None = None  # where its talks are held ("a summit in Geneva"), if anywhere
    quoted: list[QuoteSpan] = field(default_factory=list)  # direct quotes (coding.quotes)
    # the quotes found (coding.quotes), before events are coded: 'we' in a quote is its speaker
    quotes: list[Quote] = field(default_factory=list)
    # the events coded in the sentences before the one being coded: what "the attack" names
    acts: list[Event] = field(default_factory=list)
    _children: dict[int, list[Token]] = field(default_factory=dict)  # see `children`

    @cached_property
    def tokens(self) -> list[Token]:
        """The document's tokens, made once: spaCy makes a new Token object at every
        `doc[i]` and every pass over a span, and the stages pass over each sentence often."""
        return list(self.doc)

    def sentence_tokens(self, sent: Span) -> list[Token]:
        return self.tokens[sent.start:sent.end]

    @cached_property
    def child_positions(self) -> list[list[int]]:
        """Each token's children's indices in text order (as `Token.children` gives them),
        by the token's index, found in one pass: `Token.children` and `Token.subtree` make
        new Token objects at every call, and the stages ask for them thousands of times."""
        children: list[list[int]] = [[] for _ in self.tokens]
        # each head as an offset from its token (0: the root), read in one call; spaCy gives
        # them unsigned, so a head to the left comes back as a huge number until made signed
        offsets = self.doc.to_array(HEAD).astype("int64").tolist()
        for i, offset in enumerate(offsets):
            if offset:
                children[i + offset].append(i)
        return children

    @cached_property
    def dep_ids(self) -> list[int]:
        """Each token's dependency label by its id (`Token.dep`), read in one call."""
        return self.doc.to_array(DEP).tolist()

    @cached_property
    def lemma_ids(self) -> list[int]:
        """Each token's lemma by its string id, read in one call."""
        return self.doc.to_array(LEMMA).tolist()

    @cached_property
    def pos_ids(self) -> list[int]:
        """Each token's coarse part of speech by its id (`spacy.parts_of_speech.VERB`...),
        read in one call: a pass that wants only the verbs or the proper nouns then makes no
        Token object and no string for the other words."""
        return self.doc.to_array(POS).tolist()

    def children(self, tok: Token) -> list[Token]:
        """The token's children in text order, made the first time they are asked for (most
        tokens' never are)."""
        found = self._children.get(tok.i)
        if found is None:
            tokens = self.tokens
            found = self._children[tok.i] = [tokens[c] for c in self.child_positions[tok.i]]
        return found

    def subtree(self, tok: Token) -> list[Token]:
        """The token and its descendants in `Token.subtree`'s order: the left children's
        subtrees, the token, the right children's (text order unless the tree crosses)."""
        out: list[Token] = []
        self._add_subtree(tok, out)
        return out

    def _add_subtree(self, tok: Token, out: list[Token]) -> None:
        children = self.children(tok)
        for c in children:
            if c.i < tok.i:
                self._add_subtree(c, out)
        out.append(tok)
        for c in children:
            if c.i > tok.i:
                self._add_subtree(c, out)

    def in_quote(self, char: int) -> bool:
        """Whether a character of the parsed text stands between quote marks."""
        return any(q.start <= char < q.end for q in self.quoted)
    actors: ActorResolver | None = None
    # the city or region of each country the article names most as where things happen
    # (coding.events.roles), worked out once per document when first asked
    article_places: dict[str, Place] | None = None
    # the last place an act was located at from its own words, with its sentence's index
    # (coding.events.location): the next acts of the narrative happen there too
    last_event_place: tuple[int, Place] | None = None
    _place_starts: list[int] = field(default_factory=list)
    _mention_starts: list[int] = field(default_factory=list)

    def set_mentions(self, mentions: list[Mention]) -> None:
        self.mentions = mentions  # in text order
        self.mention_at = {i: m for m in mentions for i in range(m.start, m.end)}
        self._mention_starts = [m.start for m in mentions]

    def set_places(self, places: list[PlaceMention]) -> None:
        self.places = sorted(places, key=lambda p: p.start)
        self.place_at = {i: p for p in places for i in range(p.start, p.end)}
        self._place_starts = [p.start for p in self.places]

    def places_in(self, span: Span) -> list[PlaceMention]:
        """The place mentions starting inside a span of tokens (a sentence), found by halves."""
        return self.places[bisect_left(self._place_starts, span.start):
                           bisect_left(self._place_starts, span.end)]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The actor mentions starting in tokens [start, end), found by halves."""
        return self.mentions[bisect_left(self._mention_starts, start):
                             bisect_left(self._mention_starts, end)]

    def countries_named(self, start: int, end: int, media: bool = True) -> set[str]:
        """The countries of the actor and place mentions starting in tokens [start, end); not
        of institutions many countries have ("state Congress leaders" in India is no US act);
        without the news media's if not `media` ("were arrested, Al Jazeera reported": a
        Qatari channel reports it, no Qatari act)."""
        mentions = self.mentions_in(start, end)
        places = self.places[bisect_left(self._place_starts, start):
                             bisect_left(self._place_starts, end)]
        generic = self.knowledge.words["generic_institution"]
        reporting = () if media else self.knowledge.cameo_rules.codes("reporting_sectors")
        return {m.entry.country for m in mentions if m.entry and m.entry.country
                and alias_key(m.text) not in generic and m.entry.sector not in reporting} | \
            {p.place.country for p in places if p.place.country}

    @cached_property
    def sentence_starts(self) -> list[int]:
        """The first token of each sentence of `sents`, for finding a token's sentence."""
        return [s.start for s in self.sents]

    # ------------------------------------------------------------------ back to the original
    def original_offsets(self, start: int, end: int) -> tuple[int, int]:
        """Characters [start, end) of the parsed text as offsets into the original text."""
        return self.norm.to_original(start, end)

    def original_text(self, start: int, end: int) -> str:
        s, e = self.norm.to_original(start, end)
        return self.norm.original[s:e]

    def token_offsets(self, toks: list[Token]) -> tuple[int, int]:
        """The original characters from the first token's start to the last token's end."""
        return self.norm.to_original(min(t.idx for t in toks),
                                     max(t.idx + len(t.text) for t in toks))
