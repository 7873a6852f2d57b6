"""Protests named by a noun, with no protester named as a verb's subject: "anti-government
protests broke out in Tehran", "a huge rally on Saturday demanded early elections", "unions
staged a strike". The protest is people of its country against that country's government
(HomeActors.protested), and only when it takes place in the sentence: the subject of a verb of
happening or the object of one of holding, not "the protests" merely mentioned again."""
from __future__ import annotations

from spacy.parts_of_speech import NOUN
from spacy.tokens import Span, Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.dates import event_date
from dyadwatch.coding.events.event_record import make_event
from dyadwatch.coding.events.modality import modality
from dyadwatch.coding.inflection import verb_lemmas
from dyadwatch.coding.syntax import subjects
from dyadwatch.kb.lexicon import VerbPattern
from dyadwatch.records import Event

PROTEST_CONFIDENCE = 0.5
UNDONE = frozenset({"intended", "hypothetical", "future"})  # modality contexts of no act yet


def code_protests(ctx: DocContext, sent: Span, index: int) -> list[Event]:
    """The sentence's protest, if one takes place in it (one a sentence)."""
    words = ctx.knowledge.words
    code = ctx.knowledge.codebook.lookup(ctx.knowledge.cameo_rules.code("protest_noun"))
    pos = ctx.pos_ids
    for noun in ctx.sentence_tokens(sent):
        if code is None or pos[noun.i] != NOUN or \
                noun.lemma_.lower() not in words["protest_event_noun"]:
            continue
        if any(c.dep_ in ("compound", "amod") and (c.lower_ == "air" or
               c.lemma_.lower() in words["weapon_noun"]) for c in ctx.children(noun)):
            continue  # "air strikes", "drone strikes": attacks, not a strike by workers
        happening = _happening(ctx, noun)
        negated, context = modality(ctx, happening) if happening is not None else (True, [])
        country = None if negated or not _done(ctx, happening, context) else \
            _protesters_country(ctx, noun, happening)
        if country is None:
            continue
        source = ctx.actors._actor([noun], "protesters", country + "OPP",
                                   f"protesters of a protest named by {noun.text!r}")
        target = ctx.actors.home.protested(happening, noun, source)
        if target is None:
            continue
        rule = VerbPattern(noun.lemma_.lower(), (), (happening.lemma_.lower(),), code.code,
                           frozenset(), "rule: a protest takes place")
        return [make_event(ctx, noun, sent, index, (noun, source), (None, target), code,
                           PROTEST_CONFIDENCE, False, ["nominal", *context],
                           event_date(ctx, happening), rule)]
    return []


def _happening(ctx: DocContext, noun: Token) -> Token | None:
    """The verb by which the protest takes place: 'protests broke out', 'staged a rally'."""
    words, head = ctx.knowledge.words, noun.head
    if head.pos_ not in ("VERB", "AUX") or head.i == noun.i:
        return None
    lemmas = set(verb_lemmas(head))  # "staged": the tagger's lemma is "stag"
    if noun.dep_ == "nsubj" and lemmas & words["protest_happening_verb"]:
        return head
    if noun.dep_ in ("dobj", "nsubjpass") and lemmas & words["protest_holding_verb"] and \
            not any(_state(ctx, s) for s in subjects(ctx, head)):
        return head  # not "President Ortega leads a rally": the state rallies, no one protests
    return None


def _state(ctx: DocContext, tok: Token) -> bool:
    actor = ctx.actors.resolve(tok)
    return actor is not None and actor.sector in ctx.knowledge.cameo_rules.codes("state_sectors")


def _done(ctx: DocContext, verb: Token, context: list[str]) -> bool:
    """A protest held, not one planned, allowed or called for: no infinitive ("planned to
    organise protests", "permission to hold a demonstration"), no intention or condition."""
    return not UNDONE.intersection(context) and \
        not any(c.dep_ == "aux" and c.lower_ == "to" for c in ctx.children(verb))


def _protesters_country(ctx: DocContext, noun: Token, happening: Token) -> str | None:
    """The one country the protest's phrase or its verb's places name ("protests in Tehran",
    "Kenyan protesters"), else the country the article reports from."""
    named = ctx.countries_named(noun.left_edge.i, noun.right_edge.i + 1, media=False)
    if not named:
        for prep in ctx.children(happening):
            if prep.dep_ == "prep" and prep.lower_ in ctx.knowledge.words["clause_place_prep"]:
                named |= ctx.countries_named(prep.i, prep.right_edge.i + 1, media=False)
    if len(named) == 1:
        return next(iter(named))
    return ctx.article_country if not named else None
