"""An `Event` record from a trigger, its two actors and a code: the sentence and offsets in the
original text, the date, the place, the confidence, and the rule that fired."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.events.features import event_features
from dyadwatch.coding.events.location import event_location
from dyadwatch.kb.codebook import Code
from dyadwatch.kb.lexicon import VerbPattern
from dyadwatch.records import Actor, Event


@dataclass(slots=True)
class Candidate:
    """A verb the lexicon knows, with what became of it (for `explain`)."""

    trigger: str
    pattern: str
    kept: bool
    reason: str
    events: list[Event] = field(default_factory=list)


def make_event(ctx: DocContext, verb: Token, sent: Span, index: int,
               src: tuple[Token, Actor], tgt: tuple[Token | None, Actor | None], code: Code,
               confidence: float, negated: bool, context: list[str],
               date_info: tuple[str | None, str | None, str | None],
               pattern: VerbPattern) -> Event:
    (src_tok, source), (tgt_tok, target) = src, tgt
    if "pronoun" in source.how or (target and "pronoun" in target.how):
        confidence -= 0.1
    toks = [verb, src_tok] + ([tgt_tok] if tgt_tok is not None else [])
    start, end = ctx.token_offsets(toks)
    s_start, s_end = ctx.original_offsets(sent.start_char, sent.end_char)
    date, granularity, date_how = date_info
    location = event_location(ctx, verb, sent, index, source, target, code.root)
    if code.root in ctx.knowledge.cameo_rules.codes("force_roots"):
        source, target = (where_they_fight(ctx, sent, source, location),
                          where_they_fight(ctx, sent, target, location))
    return Event(
        sentence=ctx.norm.original[s_start:s_end].strip(), sentence_index=index,
        source=source, target=target, cameo=code.code, root=code.root,
        quad_class=code.quad_class, goldstein=code.goldstein,
        plover={"type": code.plover_type, "mode": code.plover_mode}, trigger=verb.text,
        start=start, end=end, confidence=round(max(0.1, min(confidence, 0.95)), 2),
        negated=negated, context=context, date=date, date_granularity=granularity,
        date_source=date_how, location=location, rule=pattern.describe(),
        features=event_features(ctx, verb, sent, index, source, target, code, context, negated,
                                pattern, date_how))


def where_they_fight(ctx: DocContext, sent: Span, actor: Actor | None,
                     location: dict | None) -> Actor | None:
    """Insurgents are coded to the country they fight in: an armed group of no country ("the
    Islamic State", "al-Qaeda militants") that uses force or is struck by it is of the country
    of the place its clause names, else of the one country the places of its sentence are in,
    else of the country the article reports from."""
    if actor is None or actor.country or \
            actor.sector not in ctx.knowledge.cameo_rules.codes("stateless_armed_sectors"):
        return actor
    country = location["country"] if location and location["source"] in ("clause", "sentence") \
        else None
    if country is None:  # "an Islamic State target southwest of Baghdad"
        named = {p.place.country for p in ctx.places_in(sent)
                 if p.place.feature != "country" and p.place.country}
        country = named.pop() if len(named) == 1 else ctx.article_country
    if not country:
        return actor
    return replace(actor, code=country + (actor.code or actor.sector), country=country,
                   how=f"{actor.how}; fights in {country}, where the act happened")
