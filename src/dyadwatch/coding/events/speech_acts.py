"""Events that reporting verbs make of what they report: "X claimed that Y attacked Z" is X
accusing Y, "X said that Y must do Z" is X's demand of Y, "X said Y will be punished" is X's
threat to Y (codes: cameo_rules_curated.tsv)."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.dates import event_date
from dyadwatch.coding.events.event_record import Candidate, make_event
from dyadwatch.coding.events.modality import obliged
from dyadwatch.coding.events.roles import distinct_parties
from dyadwatch.coding.syntax import own_subjects, subjects
from dyadwatch.kb.lexicon import VerbPattern
from dyadwatch.records import Event


def allegation(ctx: DocContext, verb: Token, sent: Span, index: int, inner_pattern,
               cand: Candidate) -> Iterator[Event]:
    """'The US claimed that ISIL had attacked Iraq': the speaker accuses the attacker.
    `inner_pattern(comp)` is the pattern the reported verb takes, if any."""
    comp = next((c for c in ctx.children(verb) if c.dep_ == "ccomp"), None)
    if comp is None:
        return
    book, rules = ctx.knowledge.codebook, ctx.knowledge.cameo_rules
    pattern = inner_pattern(comp)
    inner = book.lookup(pattern.code) if pattern else None
    # "alleged that France was aware of the preparations": to allege is to accuse
    if (inner is None or inner.quad_class < 3) and verb.lemma_.lower() != "allege":
        return
    speakers = [(h, ctx.actors.resolve(h)) for h in subjects(ctx, verb)]
    accused = [(h, ctx.actors.resolve(h)) for h in own_subjects(ctx, comp)]
    code = book.lookup(rules.code("allegation"))
    rule = VerbPattern(verb.lemma_.lower(), (), ("that", comp.lemma_.lower()), code.code,
                       frozenset(), "rule: alleging a conflict event")
    for src in speakers:
        for tgt in accused:
            if src[1] and tgt[1] and src[1].country != tgt[1].country:
                cand.kept, cand.reason = True, f"alleges {comp.text!r}" + (
                    f" ({inner.code})" if inner else "")
                yield make_event(ctx, verb, sent, index, src, tgt, code, 0.6, False,
                                 ["alleged"], event_date(ctx, verb), rule)


def demand(ctx: DocContext, verb: Token, sent: Span, index: int,
           cand: Candidate) -> Iterator[Event]:
    """'Russia said that Sudan must return the helicopter': the speaker demands it."""
    comp = next((c for c in ctx.children(verb) if c.dep_ == "ccomp" and obliged(ctx, c)), None)
    if comp is None:
        return
    speakers = [(h, ctx.actors.resolve(h)) for h in subjects(ctx, verb)]
    addressees = [(h, ctx.actors.resolve(h)) for h in own_subjects(ctx, comp)]
    code = ctx.knowledge.codebook.lookup(ctx.knowledge.cameo_rules.code("demand"))
    rule = VerbPattern(verb.lemma_.lower(), (), ("that", "must", comp.lemma_.lower()), code.code,
                       frozenset(), "rule: says another must act")
    yield from _said_of(ctx, verb, sent, index, speakers, addressees, code, rule, cand,
                        lambda tgt: f"{tgt.text!r} must {comp.text!r}")


def retribution(ctx: DocContext, verb: Token, sent: Span, index: int,
                cand: Candidate) -> Iterator[Event]:
    """'Khamenei said Israel will be punished', 'warned Baghdad would pay a heavy price':
    what the speaker says another will suffer is the speaker's threat to it."""
    comp = next((c for c in ctx.children(verb) if c.dep_ == "ccomp" and _retribution(ctx, c)),
                None)
    if comp is None:
        return
    speakers = [(h, ctx.actors.resolve(h)) for h in subjects(ctx, verb)]
    threatened = [(h, ctx.actors.resolve(h)) for h in own_subjects(ctx, comp)]
    code = ctx.knowledge.codebook.lookup(ctx.knowledge.cameo_rules.code("retribution"))
    rule = VerbPattern(verb.lemma_.lower(), (), ("will", comp.lemma_.lower()), code.code,
                       frozenset(), "rule: says another will suffer for it")
    yield from _said_of(ctx, verb, sent, index, speakers, threatened, code, rule, cand,
                        lambda tgt: f"{tgt.text!r} will {comp.text!r}", "threatened")


def _retribution(ctx: DocContext, comp: Token) -> bool:
    """'will be punished', 'would pay a heavy price', 'will face consequences', 'will regret'."""
    words, kids = ctx.knowledge.words, ctx.children(comp)
    if not any(c.dep_ in ("aux", "auxpass") and c.lower_ in words["reported_future_aux"]
               for c in kids):
        return False
    lemma = comp.lemma_.lower()
    return lemma in words["retribution_verb"] or (
        lemma in words["retribution_taking_verb"] and
        any(c.dep_ == "dobj" and c.lemma_.lower() in words["retribution_object"] for c in kids))


def instruction(ctx: DocContext, verb: Token, sent: Span, index: int,
                cand: Candidate) -> Iterator[Event]:
    """'He told Salvini to stop giving false information': a speech verb with an addressee and
    an infinitive is the speaker's demand of the addressee."""
    comp = next((c for c in ctx.children(verb) if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in ctx.children(c))), None)
    if comp is None:
        return
    addressees = [(h, ctx.actors.resolve(h)) for h in ctx.children(verb) if h.dep_ == "dobj"]
    if not addressees:
        return
    speakers = [(h, ctx.actors.resolve(h)) for h in subjects(ctx, verb)]
    code = ctx.knowledge.codebook.lookup(ctx.knowledge.cameo_rules.code("instruction"))
    rule = VerbPattern(verb.lemma_.lower(), (), ("to", comp.lemma_.lower()), code.code,
                       frozenset(), "rule: tells another to act")
    yield from _said_of(ctx, verb, sent, index, speakers, addressees, code, rule, cand,
                        lambda tgt: f"tells {tgt.text!r} to {comp.text!r}")


def _said_of(ctx, verb, sent, index, speakers, addressees, code, rule, cand, reason,
             label: str = "demanded") -> Iterator[Event]:
    """The speaker's act (a demand, a threat) on each addressee of another party."""
    for src in speakers:
        for tgt in addressees:
            if distinct_parties(src[1], tgt[1]):
                cand.kept, cand.reason = True, reason(tgt[1])
                yield make_event(ctx, verb, sent, index, src, tgt, code, 0.6, False,
                                 [label], event_date(ctx, verb), rule)
