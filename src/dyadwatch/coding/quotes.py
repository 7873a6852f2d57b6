"""Quotations and their speakers: direct (in marks), mixed (fragments in marks inside reported
speech) and indirect ("X said that ...", "according to X").

Quote marks have already been pointed the right way by `normalize`, so a direct quote is the
text between an opening and the next closing mark in a paragraph (a paragraph that ends
before the closing mark gives an unclosed quote, flagged `closed: false`). Its cue is the
nearest reporting verb outside the marks in the same sentences; a quote with no cue continues
the previous speaker's words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import LOWER
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Span, Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.syntax import subjects
from dyadwatch.kb.knowledge import Knowledge
from dyadwatch.records import Actor, Quote

_QUOTE = re.compile(r"“([^“”\n]*)(”|$)", re.M)
MIN_DIRECT_WORDS = 1


@dataclass(slots=True)
class QuoteSpan:
    start: int  # in the normalized text, inside the marks
    end: int
    closed: bool


def direct_quote_spans(text: str) -> list[QuoteSpan]:
    """The words between quote marks, paragraph by paragraph (an unclosed quote ends with its
    paragraph); found once per document and kept on its context (`DocContext.quoted`)."""
    out = []
    for m in _QUOTE.finditer(text):
        if m.group(1).strip():
            out.append(QuoteSpan(m.start(1), m.end(1), bool(m.group(2))))
    return out


def _named_as_written(ctx: DocContext, toks: list[Token]) -> Actor:
    """A speaker the dictionaries do not know, named by the words of the text ("US officials")."""
    s, e = ctx.token_offsets(toks)
    text = ctx.norm.original[s:e]
    return Actor(text, text, None, None, None, s, e, "speaker not in the dictionaries")


def _speaker(ctx: DocContext, verb: Token) -> Actor | None:
    subjs = subjects(ctx, verb)
    relative = ctx.knowledge.words["relative_pronoun"]
    if len(subjs) > 1:  # "the attacks, which he said ...": the speaker, not the thing said
        subjs = [s for s in subjs if s.lower_ not in relative] or subjs
    for subj in subjs:
        if ctx.in_quote(subj.idx):
            continue
        actor = ctx.actors.resolve(subj)
        if actor is not None:
            return actor
        return _named_as_written(ctx, [t for t in ctx.subtree(subj)
                                       if t.dep_ not in ("relcl", "punct")])
    return None


def _addressee(ctx: DocContext, verb: Token, telling_verbs: frozenset[str]) -> str | None:
    """Who was spoken to: 'told reporters', 'said in an interview with CNN' is not one."""
    lemma = verb.lemma_.lower()
    for c in ctx.children(verb):
        if lemma in telling_verbs and c.dep_ in ("dobj", "dative", "iobj") and c.pos_ in ("PROPN", "NOUN"):
            return " ".join(t.text for t in sorted(ctx.subtree(c), key=lambda t: t.i))
        if c.dep_ in ("prep", "dative") and c.lower_ == "to":
            pobj = next((p for p in ctx.children(c) if p.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("PROPN", "NOUN"):
                return " ".join(t.text for t in sorted(ctx.subtree(pobj), key=lambda t: t.i))
    return None


class QuoteFinder:
    def __init__(self, knowledge: Knowledge) -> None:
        self.is_reporting = knowledge.reporting_verbs
        self.telling = knowledge.words["telling_verb"]

    def find(self, ctx: DocContext) -> list[Quote]:
        sents = ctx.sents
        text = ctx.norm.text
        spans = ctx.quoted
        quotes: list[Quote] = []
        used_cues: set[int] = set()
        previous: tuple[Actor | None, int] | None = None  # speaker, paragraph number
        for sp in spans:
            q_sents = [i for i, s in enumerate(sents) if s.start_char < sp.end and s.end_char > sp.start]
            if not q_sents:
                continue
            first, last = sents[q_sents[0]], sents[q_sents[-1]]
            framed = self._frames(text, sp, first, last)
            cue = self._cue(ctx, q_sents, sp)
            paragraph = text.count("\n\n", 0, sp.start)
            if cue is None and not framed:
                # a fragment in marks with no speech verb ("ruled the groups were “extremist”"):
                # the words are the clause subject's
                root = first.root
                cue = root if root.pos_ in ("VERB", "AUX") and not ctx.in_quote(root.idx) else None
            if cue is not None:
                used_cues.add(cue.i)
                speaker = _speaker(ctx, cue)
                addressee = _addressee(ctx, cue, self.telling)
            elif previous is not None and paragraph - previous[1] <= 1:
                speaker, addressee = previous[0], None
            else:
                speaker, addressee = None, None
            kind = "direct" if framed else "mixed"
            s, e = ctx.norm.inside_marks(sp.start, sp.end, sp.closed)
            quotes.append(Quote(ctx.norm.original[s:e], kind, speaker,
                                cue.text if cue is not None else None, addressee,
                                q_sents[0], s, e, sp.closed))
            previous = (speaker, paragraph)
        quotes.extend(self._indirect(ctx, used_cues))
        return sorted(quotes, key=lambda q: q.start)

    @staticmethod
    def _frames(text: str, sp: QuoteSpan, first: Span, last: Span) -> bool:
        """A direct quote stands as its own clause: it starts its sentence or follows ':' / ','
        and ends its sentence or is followed by ',' and the cue."""
        before = text[first.start_char:sp.start].strip().rstrip("“").strip()
        after = text[sp.end:last.end_char].strip().lstrip("”").strip()
        inner = text[sp.start:sp.end].rstrip()
        opens = not before or before.endswith((":", ","))
        closes = not after or after[:1] in ",.!?" or inner.endswith((",", ".", "!", "?"))
        return opens and closes

    def _cue(self, ctx: DocContext, q_sents: list[int], sp: QuoteSpan) -> Token | None:
        """The nearest reporting verb outside any quote in the quote's sentences."""
        best, best_dist = None, None
        for i in q_sents:
            for tok in ctx.sentence_tokens(ctx.sents[i]):
                if ctx.pos_ids[tok.i] not in (VERB, AUX) or ctx.in_quote(tok.idx) or \
                        not self.is_reporting(tok):
                    continue
                dist = tok.idx - sp.end if tok.idx >= sp.end else sp.start - tok.idx
                # after the closing mark reads first (", Peskov said")
                dist += 0 if tok.idx >= sp.end else 5
                if best_dist is None or dist < best_dist:
                    best, best_dist = tok, dist
        return best

    def _indirect(self, ctx: DocContext, used_cues) -> list[Quote]:
        spans = ctx.quoted
        out = []
        pos, lowers = ctx.pos_ids, ctx.doc.to_array(LOWER).tolist()
        according_id = ctx.doc.vocab.strings["according"]
        for idx, sent in enumerate(ctx.sents):
            for tok in ctx.sentence_tokens(sent):
                if pos[tok.i] != VERB and lowers[tok.i] != according_id:
                    continue  # read off the arrays: no strings made for most words
                according = tok.lower_ == "according" and tok.dep_ == "prep"
                if not according and (tok.pos_ != "VERB" or not self.is_reporting(tok)):
                    continue
                if tok.i in used_cues or ctx.in_quote(tok.idx):
                    continue
                if according:
                    q = self._according(ctx, tok, sent, idx)
                    if q:
                        out.append(q)
                    continue
                comp = next((c for c in ctx.children(tok) if c.dep_ == "ccomp"), None)
                if comp is None:
                    continue
                toks = sorted(ctx.subtree(comp), key=lambda t: t.i)
                toks = [t for t in toks if not (t.dep_ == "mark" and t.head.i == comp.i)]
                while toks and toks[-1].is_punct:
                    toks.pop()
                if len(toks) < 3:
                    continue
                start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
                inner = [s for s in spans if start <= s.start and s.end <= end + 1]
                if any(s.start <= start and end <= s.end + 1 for s in spans):
                    continue  # the clause is itself a direct quote
                kind = "mixed" if inner else "indirect"
                s, e = ctx.original_offsets(start, end)
                out.append(Quote(ctx.norm.original[s:e], kind, _speaker(ctx, tok),
                                 tok.text, _addressee(ctx, tok, self.telling), idx, s, e))
        return out

    @staticmethod
    def _according(ctx: DocContext, tok: Token, sent: Span, idx: int) -> Quote | None:
        to = next((c for c in ctx.children(tok) if c.lower_ == "to"), None)
        src = next((c for c in ctx.children(to) if c.dep_ == "pobj"), None) \
            if to is not None else None
        if src is None:
            return None
        end = max(t.i for t in ctx.subtree(src))  # "according to US officials", however attached
        phrase = set(range(tok.i, end + 1)) | {t.i for t in ctx.subtree(tok)}
        toks = [t for t in ctx.sentence_tokens(sent) if t.i not in phrase]
        while toks and toks[-1].is_punct:
            toks.pop()
        while toks and toks[0].is_punct:
            toks.pop(0)
        if len(toks) < 3:
            return None
        s, e = ctx.token_offsets(toks)
        speaker = ctx.actors.resolve(src)
        if speaker is None:
            speaker = _named_as_written(ctx, ctx.subtree(src))
        return Quote(ctx.norm.original[s:e], "indirect", speaker, "according to", None, idx, s, e)
