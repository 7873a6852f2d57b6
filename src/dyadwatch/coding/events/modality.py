"""Negation and modality: whether an act is said not to happen, only wanted, planned, asked
for, obliged or hypothetical, and the CAMEO code that makes of it (intents 03x, threats 13x,
refusals 12x, appeals 02x: code_transforms_curated.tsv)."""
from __future__ import annotations

from spacy.tokens import Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.syntax import own_subjects
from dyadwatch.kb.codebook import Code


def modality(ctx: DocContext, verb: Token) -> tuple[bool, list[str]]:
    """(negated, context) of the act a verb names, from the verb and the verbs governing it."""
    words = ctx.knowledge.words
    intent, future = words["intent_governor"], words["future_aux"]
    negated, context = False, []
    tok, chain = verb, [verb]
    while tok.dep_ in ("xcomp", "acomp", "ccomp") and tok.head.i != tok.i and len(chain) < 5:
        if tok.dep_ == "ccomp" and not tok.head.lemma_.lower() in intent:
            break
        tok = tok.head
        chain.append(tok)
    for t in chain:
        kids = ctx.children(t)
        if any(c.dep_ == "neg" or c.lower_ in words["negation_word"] for c in kids):
            negated = True
        if t.i != verb.i and t.lemma_.lower() in words["negating_governor"]:
            negated = True
            if t.lemma_.lower() in words["denying_governor"]:
                context.append("denied")
        if t.i != verb.i and t.lemma_.lower() in intent:
            context.append("intended")
        if t.i != verb.i and t.lemma_.lower() in words["weighing_governor"]:
            context.append("hypothetical")  # "is considering granting asylum"
        auxes = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
        if auxes & future or "going" in auxes:
            context.append("future")
        if auxes & words["hypothetical_aux"]:
            context.append("hypothetical")
        if any(c.dep_ == "mark" and c.lower_ in words["condition_mark"] for c in kids):
            context.append("hypothetical")
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in words["intent_noun"]:
        context.append("intended")  # "reaffirmed their commitment to implement the deal"
    # "Israel announced it would free prisoners": an announced future act is an intention
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in words["announcing_verb"] and \
            {c.lower_ for c in ctx.children(verb) if c.dep_ == "aux"} & (future | {"would"}):
        context.append("intended")
    if negated:
        context.append("negated")
    return negated, list(dict.fromkeys(context))


def code_in_context(ctx: DocContext, verb: Token, code: Code, negated: bool,
                    context: list[str]) -> tuple[Code, bool]:
    """CAMEO codes intentions (03x, 13x), refusals (12x) and appeals (02x) as events."""
    book = ctx.knowledge.codebook
    new, negated_out = None, negated
    if "intended" in context:
        new = book.transform(code.code, "intended")
    if negated and "denied" not in context:  # "denied backing the militia": no refusal
        refused = book.transform(code.code, "negated")
        if refused:
            new, negated_out = refused, False
    if verb.lemma_.lower() in ctx.knowledge.words["request_governor"] and \
            any(requested(ctx, c) for c in ctx.children(verb)):
        new = book.transform(code.code, "requesting") or new
    return (book.lookup(new) or code) if new else code, negated_out


def obliged(ctx: DocContext, verb: Token) -> bool:
    """'Sudan must return the helicopter': an act someone is said to be obliged to do."""
    return any(c.dep_ == "aux" and c.lower_ in ctx.knowledge.words["obligation_aux"]
               for c in ctx.children(verb))


def requested(ctx: DocContext, verb: Token) -> bool:
    """'asked Obama to help', 'wants Putin to attack', 'called on Ethiopia to cancel': an
    infinitive whose doer is someone else."""
    if verb.dep_ == "xcomp":
        preps = ctx.knowledge.words["request_addressee_prep"]
        return any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in preps)
                   for c in ctx.children(verb.head))
    if verb.dep_ == "ccomp":
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in ctx.children(verb)) and \
            bool(own_subjects(ctx, verb))
    return False
