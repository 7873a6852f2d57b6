"""Events named by nouns ("Russia's invasion of Ukraine", "the Biden-Putin summit"), from
nominal_events_curated.tsv, kept only when both sides are named in the noun phrase."""
from __future__ import annotations

from spacy.parts_of_speech import NOUN
from spacy.tokens import Span, Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.dates import event_date
from dyadwatch.coding.events.event_record import make_event
from dyadwatch.coding.events.roles import coordinated, distinct_parties
from dyadwatch.coding.syntax import pobjs
from dyadwatch.kb.lexicon import VerbPattern
from dyadwatch.records import Event

NOMINAL_CONFIDENCE = 0.5


def code_nominals(ctx: DocContext, sent: Span, index: int) -> list[Event]:
    out = []
    lexicon, book = ctx.knowledge.lexicon, ctx.knowledge.codebook
    pos = ctx.pos_ids
    for noun in ctx.sentence_tokens(sent):
        if pos[noun.i] != NOUN:
            continue
        spec = lexicon.nominal(noun)
        if spec is None:
            continue
        code_name, preps, mutual = spec
        code = book.lookup(code_name)
        sources = [t for t in ctx.children(noun) if t.dep_ in ("poss", "amod", "compound", "nmod")
                   and t.i < noun.i]
        sources += pobjs(ctx, noun, {"by", "from"})  # "an attack on Israeli soil by Hamas"
        if mutual:  # "talks between Sudan and South Sudan", "clashes between police and youths",
            # "fighting in the city between troops and rebels" (hung on the place by the parser)
            sources += pobjs(ctx, noun, {"between"})
            sources += [b for p in pobjs(ctx, noun, {"in", "at", "on", "near"})
                        for b in pobjs(ctx, p, {"between"})]
            if noun.dep_ == "nsubj":  # "clashes erupted between ...": hung on the verb
                sources += pobjs(ctx, noun.head, {"between"})
            # "between Sudanese and Ethiopian forces": each nationality is a side
            sources = [n for t in sources for n in _sides(ctx, t)]
        targets = [p for c in ctx.children(noun) if c.dep_ == "prep" and c.lower_ in preps
                   for p in ctx.children(c) if p.dep_ == "pobj"]
        src = [(t, ctx.actors.resolve(t)) for t in coordinated(ctx, sources)]
        src = [(t, a) for t, a in src if a is not None and a.code]
        tgt = [(t, ctx.actors.resolve(t)) for t in coordinated(ctx, targets)]
        tgt = [(t, a) for t, a in tgt if a is not None and a.code]
        pairs = [(s, t) for s in src for t in tgt if s[1].country != t[1].country]
        if mutual:  # "the Biden-Putin summit", "clashes between riot police and protesters"
            pairs += [(a, b) for a in src for b in src if distinct_parties(a[1], b[1])]
        if code is None or not pairs:
            continue
        rule = VerbPattern(noun.lemma_.lower(), (), tuple(sorted(preps)), code.code, frozenset(),
                           "curated nominal")
        for s, t in pairs:
            out.append(make_event(ctx, noun, sent, index, s, t, code, NOMINAL_CONFIDENCE, False,
                                  ["nominal"], event_date(ctx, noun), rule))
    return out


def _sides(ctx: DocContext, noun: Token) -> list[Token]:
    """The nationalities coordinated on one noun ("Sudanese and Ethiopian forces"), else the
    noun itself."""
    for c in ctx.children(noun):
        if c.dep_ == "amod" and c.i < noun.i:
            sides = [c, *(x for x in ctx.children(c) if x.dep_ == "conj")]
            if len(sides) > 1 and all(ctx.actors.resolve(x) is not None for x in sides):
                return sides
    return [noun]
