"""Who did an act that a clause names without its doer as subject: the owner of an attack or
weapon ("Israeli shelling", "a car bombing by the Islamic State"), whom an attack is laid at,
who did what a subject suffered ("came under fire from rebels"), and who did an act that
is condemned ("condemned the attack by Russian forces on Odesa")."""
from __future__ import annotations

from spacy.tokens import Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.syntax import pobjs


def owners(ctx: DocContext, noun: Token) -> list[Token]:
    """Who an attack or weapon belongs to: 'Israeli [shelling]', 'US Predator [attacks]', 'a
    [car bombing] by the Islamic State', 'the [missiles] fired by the Israeli military'."""
    owned = [t for t in ctx.subtree(noun) if t.i < noun.i and t.pos_ in ("ADJ", "PROPN")
             and t.dep_ in ("amod", "compound", "poss", "nmod")  # "a Thai F-16 fighter jet"
             and (t.i in ctx.mention_at or t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
                  or ctx.knowledge.actors.role(t.lower_))]
    # an owner is named, a nationality or a role ("a junta fighter jet"), not "an early encounter"
    by = [p for c in ctx.children(noun) if c.dep_ == "acl" for p in pobjs(ctx, c, {"by"})]
    by += pobjs(ctx, noun, {"by"})
    return list(dict.fromkeys(by + owned))


def received_from(ctx: DocContext, verb: Token, blame: bool = False) -> list[Token]:
    """Who did what the subject received or suffered: the object of "by", "from" or "of", on the
    verb or on its noun ("came under attack by insurgents", "under fire from rebels", "has the
    support of China and Russia"); not "of" for blame (`blame`: "sparked condemnation of the
    junta" names whom it condemns)."""
    preps = {"by", "from"} if blame else {"by", "from", "of"}
    return pobjs(ctx, verb, preps) or [
        a for c in ctx.children(verb) if c.dep_ in ("prep", "dobj")
        for o in ([c] if c.dep_ == "dobj" else [o for o in ctx.children(c) if o.dep_ == "pobj"])
        for a in pobjs(ctx, o, preps)]


def attributed_to(ctx: DocContext, noun: Token) -> list[Token]:
    """Whom an attack is laid at: 'a bomb attack blamed on ELN guerrillas', 'attributed to X',
    or who took it on: 'an attack claimed by al-Shabaab', 'an attack, for which al-Shabaab
    claimed responsibility,'."""
    words = ctx.knowledge.words
    verbs, claiming = words["attributing_verb"], words["claiming_verb"]
    out = []
    for c in ctx.children(noun):
        lemma = c.lemma_.lower()
        if c.dep_ == "acl" and lemma in verbs:
            out += pobjs(ctx, c, {"on", "to"})
        elif c.dep_ == "acl" and lemma in claiming:
            out += pobjs(ctx, c, {"by"})
        elif c.dep_ == "relcl" and lemma in claiming and any(
                o.dep_ == "dobj" and o.lemma_.lower() == "responsibility" for o in ctx.children(c)):
            out += [o for o in ctx.children(c) if o.dep_ == "nsubj"]
    return out


def instrument_owners(ctx: DocContext, verb: Token) -> list[Token]:
    """The nationality on an attack noun the passive happened 'in' or 'by' (also when it is
    said once for two verbs: 'were killed and wounded in Israeli shelling')."""
    lexicon, weapons = ctx.knowledge.lexicon, ctx.knowledge.words["weapon_noun"]
    shared = [c for c in ctx.children(verb) if c.dep_ == "conj" and c.pos_ == "VERB"]
    for c in [c for v in [verb, *shared] for c in ctx.children(v)]:
        if c.dep_ in ("prep", "agent") and c.lower_ in ctx.knowledge.words["instrument_prep"]:
            for p in ctx.children(c):
                # "during fighting overnight with X": the gerund is parsed as a verb
                nominal = lexicon.nominal(p) if p.dep_ in ("pobj", "pcomp") else None
                after = ctx.tokens[p.i + 1] if p.i + 1 < len(ctx.tokens) else None
                if p.dep_ == "pobj" and after is not None and after.head.i == c.head.i and \
                        after.tag_ == "VBG" and lexicon.nominal(after) is not None and \
                        ctx.actors.resolve(p) is not None:
                    return [p]  # "killed in Pakistani firing", parsed as "in Pakistani" + a verb
                if nominal is not None or p.dep_ == "pobj" and p.lemma_.lower() in weapons:
                    # "killed in Israeli shelling", "... tank fire", "in an attack blamed on X";
                    # "arrested in clashes with police": the other side of a mutual act
                    found = owners(ctx, p) or attributed_to(ctx, p) or (
                        pobjs(ctx, p, nominal[1]) if nominal is not None and nominal[2] else [])
                    if found:
                        return found
    return []


def condemned_doers(ctx: DocContext, verb: Token, objs: list[Token]) -> list[Token]:
    """'condemned the attack by Russian forces on Odesa', 'condemned what it called a
    cyberattack by Iran on Albania': who did the act that is condemned, not whom it hit."""
    words, lexicon = ctx.knowledge.words, ctx.knowledge.lexicon
    acts = list(objs)
    for c in ctx.children(verb):  # "what it called an X": the description is the act
        if c.dep_ == "ccomp" and c.lemma_.lower() in words["naming_verb"]:
            acts += [o for o in ctx.children(c) if o.dep_ == "oprd"]
    return [p for a in acts if a.pos_ == "NOUN" and (
        lexicon.nominal(a) is not None or a.lemma_.lower() in ctx.knowledge.act_nouns)
            for p in pobjs(ctx, a, {"by"})]
