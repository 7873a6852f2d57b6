"""Who acts and on whom, read off the parse around an event's trigger: the target heads of a
verb in order of preference, coordinated parties, the place an attack struck."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.events.doers import condemned_doers, owners
from dyadwatch.coding.events.force import own_forces
from dyadwatch.coding.mentions import Mention
from dyadwatch.coding.syntax import (clause_positions, definite, expand_conjuncts,
                                     misparsed_objects, own_subjects, pobjs, subjects)
from dyadwatch.kb.countries import iso_countries
from dyadwatch.records import Actor

# the clauses hanging on a noun, which are not part of its phrase
_NOUN_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp"})


# a subject pronoun and the possessive that, on its own verb's object, means its own
OWN_PRONOUN = {"they": "their", "it": "its", "he": "his", "she": "her", "we": "our"}


def phrase_tokens(ctx: DocContext, head: Token) -> list[Token]:
    """The noun phrase under a head, without the clauses hanging on it."""
    return [ctx.tokens[i] for i in clause_positions(ctx, head, _NOUN_CLAUSES, _NOUN_CLAUSES)]


def associated(ctx: DocContext, tok: Token) -> Actor | None:
    """'organizations linked to Navalny', 'supporters of Navalny', 'an alliance (which is) led
    by Riyadh': the actor they belong to; not the country a sea or a coast is named for ('the
    Sea of Japan')."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ in ctx.knowledge.words["water_noun"]:
        return None
    for c in ctx.children(tok):
        if (c.dep_ in ("acl", "relcl") and
                c.lemma_.lower() in ctx.knowledge.words["association_verb"]) or \
                (c.dep_ == "prep" and c.lower_ == "of"):
            for t in ctx.subtree(c):
                if t.i != c.i and ctx.mention_at.get(t.i) and ctx.mention_at[t.i].entry:
                    a = ctx.actors.resolve(t)
                    if a is not None:
                        return replace(a, how=f"associated with {a.text!r}")
    return None


def target_heads(ctx: DocContext, verb: Token, source: Actor | None,
                 objs: list[Token] | None, root: str) -> list[Token]:
    """Target heads in order of preference: the object (the subject of a passive), a
    preposition on it, the verb's own prepositions, a participle's object, a reported
    clause's subject, anything named inside the object, and for meetings and force the
    place it happens ("met in Zurich")."""
    words, rules = ctx.knowledge.words, ctx.knowledge.cameo_rules
    preps = words["target_prep"]
    if objs is None:
        objs = [c for c in ctx.children(verb) if c.dep_ in ("dobj", "dative", "iobj", "oprd")] + \
            misparsed_objects(ctx, verb)
    heads: list[Token] = list(objs)
    if root == rules.code("accusation_root"):  # the doer of the act condemned, first
        heads[:0] = condemned_doers(ctx, verb, objs)
    for o in expand_conjuncts(ctx, objs):  # "used tear gas and stun grenades against protesters"
        heads.extend(pobjs(ctx, o, preps))
    verb_pobjs = pobjs(ctx, verb, preps)
    heads.extend(verb_pobjs)
    for o in verb_pobjs:  # "responded with an assault on the Russian troops"
        if ctx.knowledge.lexicon.nominal(o) is not None:
            heads.extend(pobjs(ctx, o, preps))
    for c in ctx.children(verb):  # "announced sanctions, punishing Moscow", "fired tear gas to
        # disperse protesters": the object of a participle or of a purpose clause
        if c.dep_ == "advcl" and not own_subjects(ctx, c) and (c.tag_ == "VBG" or any(
                a.dep_ == "aux" and a.lower_ == "to" for a in ctx.children(c))):
            heads.extend(x for x in ctx.children(c) if x.dep_ == "dobj")
    for c in ctx.children(verb):  # "ruled that two organizations ... were extremist"
        if c.dep_ == "ccomp" and c.i > verb.i:
            heads.extend(own_subjects(ctx, c))
    heads.extend(_complement_objects(ctx, verb, preps))
    for o in objs:  # "an invitation to meet with Kim", "a travel ban imposed on Chadians"
        for c in ctx.children(o):
            if c.dep_ == "acl" and c.pos_ == "VERB":
                heads.extend(pobjs(ctx, c, preps))
    if root == rules.code("protest_root"):
        heads.extend(_protest_addressees(ctx, verb))
    if root == rules.code("between_target_root"):  # "brokered a deal between X and Y"
        heads.extend(p for o in [verb, *objs] for p in pobjs(ctx, o, {"between"}))
    if root == rules.code("threat_root"):  # "warned it would take action against Athens"
        for c in ctx.children(verb):
            if c.dep_ == "ccomp" and c.i > verb.i:
                acts = [c] + [o for o in ctx.children(c) if o.dep_ == "dobj"]
                heads.extend(p for a in acts for p in pobjs(ctx, a, preps))
    for o in objs + verb_pobjs:  # "a summit on the unrest in Iran", "advised against
        # travel to Tunisia"; not "a group that seized Iraq", nor "toward the Sea of Japan"
        if o.lower_ not in words["water_noun"]:
            heads.extend(t for t in phrase_tokens(ctx, o) if t.i != o.i and t.pos_ == "PROPN")
    if root in rules.codes("location_target_roots"):
        places = pobjs(ctx, verb, words["location_target_prep"])
        heads.extend(places)
        heads.extend(t for p in places for t in phrase_tokens(ctx, p)
                     if t.i != p.i and t.pos_ == "PROPN")
    for h in heads:
        if _owned_by(ctx, h, source):
            continue  # "recalled its ambassador from Brussels": the source's own agent
        a = target_actors(ctx, h, source)[0]
        if a is None or same_actor(a, source) or own_forces(ctx, root, source, a) or \
                _instrument(ctx, h, root):
            continue  # the source itself, its own troops ("deployed troops to its border with
            # Venezuela": Venezuela) or the weapon it fires
        if h.dep_ in ("compound", "amod", "nmod") and source is not None and \
                a.country and a.country == source.country:
            continue  # "released US military assistance to Egypt": the source's own
        if h.dep_ == "nsubj" and h.head.dep_ == "ccomp" and _same_state(a, source):
            continue  # "warned that Tokyo would respond firmly": the speaker's own state
        return expand_conjuncts(ctx, [h])
    return []


def target_actors(ctx: DocContext, head: Token, source: Actor | None) -> list[Actor | None]:
    """The actors a target head names; "the South American nation" that would be the source's
    own country (or no one) is the other country named last (Coreference.other_country_before)."""
    found = ctx.actors.resolve_all(head) or [associated(ctx, head)]
    if source is not None and all(a is None or a.country == source.country for a in found):
        other = ctx.actors.coref.other_country_before(head, source.country)
        if other is not None:
            return [other]
    return found


def struck_country(ctx: DocContext, verb: Token, objs: list[Token],
                   source: Actor) -> tuple[Token, Actor] | None:
    """'Pakistan aircraft bombed civilian homes in Khost', 'fired rounds into the Rwandan
    border town of Gisenyi': an attack whose target no dictionary names struck the one country
    other than the attacker's where it landed, as the place after the verb's or its object's
    preposition (`strike_place_prep`) says."""
    if not source.country:
        return None
    preps = ctx.knowledge.words["strike_place_prep"]
    # "an Israeli strike on a car in southern Lebanon killed": the attack noun's own places
    heads = objs + [c for c in ctx.children(verb) if c.dep_ == "nsubj"
                    and ctx.knowledge.lexicon.nominal(c) is not None]
    found: dict[str, Token] = {}
    for p in pobjs(ctx, verb, preps) + [x for o in heads for x in pobjs(ctx, o, preps)]:
        if p.lemma_.lower() in ctx.knowledge.words["motive_noun"]:
            continue  # "in response to Afghan forces": why, not where
        for t in ctx.subtree(p):
            country = ctx.countries_named(t.i, t.i + 1, media=False) - {source.country}
            if country:
                found.setdefault(min(country), t)
    if len(found) != 1:
        return None
    country, tok = next(iter(found.items()))
    return tok, ctx.actors._actor([tok], iso_countries().get(country, country), country,
                                  f"where the attack struck: {tok.text!r}")


def act_named_before(ctx: DocContext, objs: list[Token],
                     source: Actor | None) -> tuple[Token, Actor] | None:
    """'condemned the attack', 'slammed the sentence': an object that is a definite noun naming
    an act (`act_nouns_curated.tsv`) is whoever did the latest such act coded in an earlier
    sentence by a verb of the same stem, or was accused of acts of that name there; any
    definite noun is also the act of the owner named on the same noun shortly before
    ("condemned Pyongyang's missile test ... called the test a violation"). Only a party other
    than the source counts (anyone when `source` is None)."""
    accused = ctx.knowledge.cameo_rules.code("accusation_root")
    for noun in objs:
        kids = ctx.children(noun)
        if noun.pos_ != "NOUN" or not definite(ctx, noun) or \
                any(c.dep_ in ("poss", "prep") or c.i in ctx.mention_at for c in kids):
            continue  # not "Russia's attack", "the attack on Kyiv": their own words name them
        lemma = noun.lemma_.lower()
        roots = ctx.knowledge.act_nouns.get(lemma, ())
        for ev in reversed(ctx.acts if roots else ()):
            # "the launch" names "launched" ("the detention" "detained"); "the attacks" those
            # someone was blamed for ("blamed the GRU for a series of cyber attacks")
            doer = ev.source if ev.root in roots and ev.trigger.lower().startswith(lemma[:4]) \
                else ev.target if ev.root == accused and lemma in ev.sentence.lower() else None
            if doer is not None and (source is None or distinct_parties(doer, source)):
                actor = ctx.actors._actor([noun], doer.name, doer.code,
                                          f"act named before: {noun.text!r}, by {doer.text!r}")
                return noun, actor
        owner = owner_named_before(ctx, noun)
        if owner is not None and (source is None or distinct_parties(owner[1], source)):
            return noun, owner[1]
    return None


def owner_named_before(ctx: DocContext, noun: Token) -> tuple[Token, Actor] | None:
    """'condemned North Korea's missile launch, calling the launch a provocation': the owner
    of the last noun of the same lemma named with its owner before `noun`, in its sentence or
    the two before."""
    starts = ctx.sentence_starts
    lo = starts[max(0, bisect_right(starts, noun.i) - 3)]
    lemma = ctx.lemma_ids[noun.i]
    for t in reversed(ctx.tokens[lo:noun.i]):
        if ctx.lemma_ids[t.i] != lemma or t.pos_ != "NOUN":
            continue
        for owner in owners(ctx, t):
            actor = ctx.actors.resolve(owner)
            if actor is not None and actor.country:
                return owner, ctx.actors._actor([noun], actor.name, actor.code,
                                                f"{noun.text!r}: {owner.text!r}'s, named before")
    return None


def state_of_act(ctx: DocContext, acts: list[Token], source: Actor) -> tuple[Token, Actor] | None:
    """'His arrest drew condemnation from Germany', 'the arrests triggered criticism from the
    United States': an arrest, a verdict or violence no word attributes, condemned from
    abroad, is the act of the state the article reports from."""
    home = ctx.article_country
    for noun in acts:
        if home and home != source.country and noun.pos_ == "NOUN" and \
                noun.lemma_.lower() in ctx.knowledge.act_nouns and ctx.actors.resolve(noun) is None:
            return noun, ctx.actors.home.government(noun, home, "done at home by its state")
    return None


def party_in_context(ctx: DocContext, index: int, source: Actor,
                     co_sources: set[str]) -> tuple[Token, Actor] | None:
    """'Guyana has rejected the consultation', 'the United States condemns the expulsions':
    with no target in its clause, the act is aimed at the one other country named in its
    sentence, else in it and the two before (where it was named), not counting the countries
    of those who act with the source; None when several are named, or none, and for one of a
    pair ("the two governments refused"), whose act is the pair's."""
    if not source.country or source.how.startswith("one of"):
        return None
    hi = ctx.sents[index].end

    def others_named_from(lo: int) -> dict[str, Mention]:
        return {m.entry.country: m for m in ctx.mentions_in(lo, hi)
                if m.end <= hi and m.entry and m.entry.country and m.entry.country != source.country
                and m.entry.country not in co_sources and not _venue(ctx, ctx.tokens[m.end - 1])
                and m.entry.sector not in ctx.knowledge.cameo_rules.codes("reporting_sectors")}

    # its own sentence's one other country first: "Egypt said Ethiopia rejected the proposal"
    near = others_named_from(ctx.sents[index].start)
    if len(near) != 1:
        near = others_named_from(ctx.sents[max(0, index - 2)].start)
    if len(near) != 1:
        return None
    mention = next(iter(near.values()))
    toks, entry = ctx.tokens[mention.start:mention.end], mention.entry
    # the country, not the person or body whose name named it
    name = entry.name if entry.kind == "country" else entry.country
    return toks[-1], ctx.actors._actor(toks, name, entry.country,
                                       f"named in context: {mention.text!r}")


def implied_state(ctx: DocContext, verb: Token, index: int) -> Actor | None:
    """Who arrested, jailed or sentenced someone when the passive names no one: the state of
    the place the clause names ("were arrested in Harare"), else of the one country its
    sentence names ("jailed after Lukashenko won") or, if it names none, the sentence before;
    else of the country the article reports on; None when none of these is known."""
    country = next((ctx.place_at[p.i].place.country for p in pobjs(ctx, verb, {"in"})
                    if p.i in ctx.place_at and ctx.place_at[p.i].place.country), None)
    for sent in [ctx.sents[i] for i in (index, index - 1) if i >= 0]:  # its, then the one before
        if country is not None:
            break
        named = ctx.countries_named(sent.start, sent.end, media=False)
        if named:
            country = next(iter(named)) if len(named) == 1 else ctx.article_country
    country = country or ctx.article_country
    if country is None:
        return None
    return ctx.actors._actor([verb], f"the authorities of {country}", country,
                             "implied: the state where it was done")


def of_country(ctx: DocContext, head: Token, actor: Actor | None, country: str) -> Actor | None:
    """The actor of `country` when its own words name no country ("thousands of people" in a
    report from Warsaw about Belarus are Belarusians), else the actor as it is."""
    if actor is None or actor.country in (None, country) or \
            actor.country in ctx.countries_named(head.left_edge.i, head.right_edge.i + 1):
        return actor
    return replace(actor, country=country, code=country + (actor.sector or ""),
                   how=f"{actor.how}, of the state acting on them")


def _venue(ctx: DocContext, tok: Token) -> bool:
    """'tabled the resolution in Geneva': a city where something happened, not a party."""
    place = ctx.place_at.get(tok.i)
    return place is not None and place.place.feature == "city" and tok.dep_ == "pobj" and \
        tok.head.lower_ in ctx.knowledge.words["event_location_prep"]


def issuers(ctx: DocContext, noun: Token) -> list[Token]:
    """'The EU, UK and Japan released statements condemning the verdict': a document that is
    the object of a verb speaks for that verb's subjects."""
    if noun.dep_ != "dobj" or noun.lemma_.lower() not in ctx.knowledge.words["document_noun"]:
        return []
    return coordinated(ctx, subjects(ctx, noun.head))


def coordinated(ctx: DocContext, heads: list[Token]) -> list[Token]:
    """Conjuncts of each head, also when the parser hung them on another word of the
    same name ("Barack Obama and Putin") or made a list an apposition ("The US, Russia,
    and Switzerland")."""
    out = expand_conjuncts(ctx, heads)
    for h in list(out):
        m = ctx.mention_at.get(h.i)
        members = ctx.tokens[m.start:m.end] if m else [h]
        for t in members:
            for c in ctx.children(t):
                if c.dep_ == "conj" or (c.dep_ == "appos" and any(
                        x.dep_ == "cc" for x in ctx.subtree(c))):
                    out.extend(x for x in expand_conjuncts(ctx, [c]) if x not in out)
    return out


def place_slot(ctx: DocContext, tok: Token | None) -> bool:
    """A target taken from where the act happened ("a summit in Switzerland"): a place, which
    does nothing back."""
    while tok is not None and tok.dep_ in ("compound", "amod", "conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok is not None and tok.dep_ == "pobj" and \
        tok.head.lower_ in ctx.knowledge.words["place_slot_prep"]


def same_actor(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return False
    return a.code == b.code and (a.name or a.text) == (b.name or b.text)


def distinct_parties(a: Actor | None, b: Actor | None) -> bool:
    """Two actors of different countries, or of one country and different sectors."""
    if a is None or b is None or not (a.code and b.code) or same_actor(a, b):
        return False
    return a.country != b.country or bool(a.sector and b.sector and a.sector != b.sector)


def _complement_objects(ctx: DocContext, verb: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the verb's subjectless complements: "offered to hand over to Britain",
    "promised to continue aid to Mozambique"."""
    out, comp = [], verb
    for _ in range(3):
        comp = next((c for c in ctx.children(comp) if c.dep_ == "xcomp" and c.pos_ == "VERB"
                     and not own_subjects(ctx, c)), None)
        if comp is None:
            break
        inner = [c for c in ctx.children(comp) if c.dep_ in ("dobj", "dative")]
        out.extend(inner)
        for o in inner:
            out.extend(pobjs(ctx, o, preps))
        out.extend(pobjs(ctx, comp, preps))
    return out


def _protest_addressees(ctx: DocContext, verb: Token) -> list[Token]:
    """Whom a protest addresses: "to demand reforms by Suharto's government", "in protest
    against the Russian government's refusal", "in defiance of Chinese authorities"."""
    words = ctx.knowledge.words
    out = []
    for c in ctx.children(verb):
        if c.dep_ in ("advcl", "xcomp", "acl") and c.pos_ == "VERB" and not own_subjects(ctx, c):
            for o in [x for x in ctx.children(c) if x.dep_ == "dobj"] + \
                    pobjs(ctx, c, words["target_prep"]):
                out.extend(t for t in phrase_tokens(ctx, o) if t.pos_ == "PROPN" or t.i == o.i)
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in ctx.children(c):
                if p.dep_ == "pobj" and p.lemma_.lower() in words["protest_noun"]:
                    for o in pobjs(ctx, p, words["protest_target_prep"]):
                        out.extend(t for t in phrase_tokens(ctx, o)
                                   if t.pos_ == "PROPN" or t.i == o.i)
    return out


def _instrument(ctx: DocContext, head: Token, root: str) -> bool:
    """'fired artillery and tank rounds into the Rwandan town': in force, a weapon neither
    named with a country nor said to be someone's ("drones launched by the RSF") is what the
    source fires, not whom it fires at."""
    return root in ctx.knowledge.cameo_rules.codes("force_roots") and \
        head.lemma_.lower() in ctx.knowledge.words["weapon_noun"] and \
        not any(ctx.mention_at.get(c.i) or c.dep_ in ("acl", "relcl") for c in ctx.children(head))


def _same_state(a: Actor, source: Actor | None) -> bool:
    """Whether an actor is the source's own state (the country or its government)."""
    state = ("", "GOV")
    return source is not None and bool(a.country) and a.country == source.country and \
        (a.sector or "") in state and (source.sector or "") in state


def _owned_by(ctx: DocContext, head: Token, source: Actor | None) -> bool:
    """'its ambassador', 'their own troops': the source's own agent, not a target."""
    poss = next((c for c in ctx.children(head) if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if poss is None or source is None:
        return False
    if any(s.pos_ == "PRON" and OWN_PRONOUN.get(s.lower_) == poss.lower_
           for s in subjects(ctx, head.head)):
        return True  # "they were pulling their ambassadors": the subject's own
    owner, actor = ctx.actors.resolve(poss), ctx.actors.resolve(head)
    return owner is not None and owner.country == source.country and (
        actor is None or actor.country == source.country)
