"""Where an event happened, and how we know: its own clause, its sentence, the venue of the
article's talks, the place the narrative has just named, the article's dateline, else an
actor's country (GDELT's ActionGeo, with the source of the location and its granularity)."""
from __future__ import annotations

from spacy import symbols
from spacy.tokens import Span, Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.places import PlaceMention, stands_for_actor
from dyadwatch.coding.syntax import own_subjects
from dyadwatch.kb.gazetteer import Place
from dyadwatch.records import Actor

# an act without a place of its own takes the place the text gave an act of the same country
# this many sentences before at most ("Gunmen attacked a police station in Herat ... Three
# gunmen started shooting at the entrance")
CARRY_SENTENCES = 2
_VERBAL = ("VERB", "AUX")
_PLACE_ENTITIES = ("GPE", "LOC", "FAC")


def event_location(ctx: DocContext, verb: Token, sent: Span, index: int, source: Actor,
                   target: Actor | None, root: str) -> dict | None:
    """Where it happened, and how we know (`source`):
    - `clause`: a place after a preposition of place on the trigger or the verbs it governs
      or shares ("met in Geneva", "attend ... or hold one in Geneva"), the finest one it names
      ("in northern Nigeria's Borno state": Borno);
    - `sentence`: for force the place struck ("air strikes on Gaza"); else the place nearest
      the trigger among those of its own clause ("airstrikes targeting the Idlib province"),
      else among those of a clause it is embedded in ("In Minsk, police said they detained
      ..."), never one of another clause ("battling an insurgency that spilled over from
      Mali"), an actor's own name, or a place named as a party; not for statements, whose
      other places are their topic ("called on Russia to end the offensive in Idlib");
    - `venue`: for meetings and agreements, where the article's talks are held;
    - `narrative`: the place the text gave an act of the same country in the last sentences;
    - `actor`, at city level: the capital an actor is named by ("Canberra is launching");
    - `dateline`: the article's dateline, when the act is of the dateline's country;
    - `article` or `actor`: an actor's country, the target's for meetings, protests and force
      (they happen where the target is), the source's for the rest (an expulsion happens in
      the expelling country), made finer by the city or region of that country the article
      names most (`article`).
    `granularity` says whether the place is a city, a region or a country."""
    rules = ctx.knowledge.cameo_rules
    topic = root in rules.codes("location_topic_roots")
    on_target = root in rules.codes("location_target_roots")
    placer = target if on_target and target is not None else source
    found = _in_clause(ctx, verb)
    if found is not None:
        return _remember(ctx, index, topic, found, "clause")
    actors = [(a.start, a.end) for a in (source, target) if a is not None]

    def is_actor(p, who=actors) -> bool:  # "Russia expelled ...": Russia acts; it is not where
        s, e = ctx.original_offsets(p.char_start, p.char_end)
        return any(s < a_end and a_start < e for a_start, a_end in who)

    preps = ctx.knowledge.words["event_location_prep"] | ctx.knowledge.words["place_mention_prep"]
    in_sentence = [p for p in ctx.places_in(sent) if p.place.country]
    if target is not None and root in rules.codes("force_roots"):  # "air strikes on Gaza"
        struck = [p for p in in_sentence if is_actor(p, [(target.start, target.end)])
                  and p.place.feature != "country"]  # a country struck: the actor step says so
        if struck:
            return _remember(ctx, index, topic, struck[0].place, "sentence")
    if not topic:
        nearest = _nearest_in_clause(ctx, verb, [
            p for p in in_sentence if not is_actor(p)
            and not stands_for_actor(ctx, p, preps, capitals=True)])
        if nearest is not None:
            return _remember(ctx, index, topic, nearest.place, "sentence")
    if ctx.venue is not None and root in rules.codes("venue_roots"):
        return _located(ctx.venue, "venue")
    if not topic:
        carried = None if _names_unknown_place(ctx, sent) else \
            _carried(ctx, index, placer, on_target and target is None)
        if carried is not None:
            return _located(carried, "narrative")
    seat = _seat_named(ctx, placer)
    if seat is not None:  # "Canberra is launching a formal appeal", in a report from Sydney
        return _located(seat, "actor")
    if ctx.dateline_place is not None and (placer.country == ctx.dateline_place.country or
                                           not (placer.country or placer.code)):
        # the place of filing, for acts of its own country: not "the EU refused to recognise
        # the result" in a report from Caracas
        return _located(ctx.dateline_place, "dateline")
    for actor in ((target, source) if on_target else (source, target)):
        country = actor.country if actor is not None else None
        local = _article_place_in(ctx, country, preps) if country else None
        if local is not None:  # "clashes in Belarus" in an article about Minsk
            return _located(local, "article")
        place = ctx.knowledge.gazetteer.country(country) if country else None
        if place is not None:
            return _located(place, "actor")
    return None


def _seat_named(ctx: DocContext, actor: Actor) -> Place | None:
    """The capital an actor is named by ("Canberra", "Prague had ordered out"): where its
    government acts."""
    if not actor.text[:1].isupper() or len(actor.text.split()) > 2:
        return None
    place = ctx.knowledge.gazetteer.lookup(actor.text)
    if place is not None and place.country == actor.country and \
            place.geonames_id in ctx.knowledge.gazetteer.capital_ids:
        return place
    return None


def _clause_verbs(ctx: DocContext, verb: Token) -> set[int]:
    """The trigger and the verbs whose clause it shares: its conjuncts and complements, the
    verb it is the conjunct, complement or subjectless adverbial clause of, and for a noun the
    verb it is the subject or object of ("the raid took place in ...")."""
    family = {verb.i} | {c.i for c in ctx.children(verb) if c.dep_ in ("conj", "xcomp")}
    if verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and not own_subjects(ctx, verb)):
        family.add(verb.head.i)  # "attacked a checkpoint in Kandahar, killing three officers"
    if verb.pos_ not in _VERBAL and verb.dep_ in ("nsubj", "nsubjpass", "dobj") and \
            verb.head.pos_ in _VERBAL:
        family.add(verb.head.i)  # "launched air strikes on Gaza", not "in response to an attack"
    return family


def _governor(tok: Token) -> Token:
    """The verb whose clause a token belongs to (the sentence's root for a verbless one)."""
    for tok in tok.ancestors:
        if tok.pos_ in _VERBAL:
            break
    return tok


def _in_clause(ctx: DocContext, verb: Token) -> Place | None:
    """The finest place after a preposition of place on the trigger or its clause's verbs."""
    preps = ctx.knowledge.words["event_location_prep"]
    family = [verb] + [c for c in ctx.children(verb) if c.dep_ in ("conj", "xcomp")]
    if verb.pos_ not in _VERBAL and verb.dep_ in ("nsubj", "nsubjpass"):
        family.append(verb.head)  # "The dawn raid ... took place in the Gourma Rharous region"
    for v in family:
        for c in ctx.children(v):
            if c.dep_ == "prep" and c.lower_ in preps:
                places = [ctx.place_at[t.i].place for t in ctx.subtree(c)
                          if t.i in ctx.place_at and ctx.place_at[t.i].place.country]
                if places:
                    return next((p for p in places if p.feature != "country"), places[0])
    return None


def _nearest_in_clause(ctx: DocContext, verb: Token,
                       places: list[PlaceMention]) -> PlaceMention | None:
    """The place nearest the trigger among those of its own clause; else among those where a
    clause it is embedded in happens ("In Minsk, police said they detained ...", "The mission
    in Mali said it had sent"); else among those after a preposition of place in a clause that
    tells more of the act ("assaulted a group, sparking a gunbattle that killed a marine in
    Sulu"). Never a place of a clause beside it ("tensions in Ukraine, and the United States
    hitting Moscow"), nor where something comes from ("an insurgency that spilled over from
    Mali")."""
    if not places:
        return None
    family = _clause_verbs(ctx, verb)
    above = {t.i for t in verb.ancestors}
    location_preps = ctx.knowledge.words["event_location_prep"]
    verbal = verb.pos_ in _VERBAL  # not an act named in passing ("in response to an attack")
    own, embedding, below = [], [], []
    for p in places:
        head = ctx.doc[p.start:p.end].root
        governor = _governor(head)
        if governor.i in family:
            own.append(p)
        elif verbal and head.dep_ == "pobj" and head.head.dep_ == "prep" and \
                _where_of(head.head.head, above):
            embedding.append(p)
        elif head.dep_ == "pobj" and head.head.lower_ in location_preps and \
                any(t.i in family for t in governor.ancestors):
            below.append(p)
    chosen = own or embedding or below
    return min(chosen, key=lambda p: abs(p.start - verb.i)) if chosen else None


def _where_of(tok: Token, above: set[int]) -> bool:
    """Whether a preposition's head is a verb above the trigger, or the subject of one."""
    if tok.pos_ in _VERBAL:
        return tok.i in above
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i in above


def _names_unknown_place(ctx: DocContext, sent: Span) -> bool:
    """Whether the sentence names, after a preposition of place, a proper name or a place
    entity that the gazetteer and the actor dictionaries lack ("a rally in the island's Western
    district"): the act happens somewhere the narrative has not been."""
    preps, deps = ctx.knowledge.words["place_mention_prep"], ctx.dep_ids
    for tok in ctx.sentence_tokens(sent):
        if deps[tok.i] == symbols.pobj and tok.head.lower_ in preps and \
                any((t.pos_ == "PROPN" or t.ent_type_ in _PLACE_ENTITIES) and
                    t.i not in ctx.place_at and t.i not in ctx.mention_at
                    for t in ctx.subtree(tok)):
            return True
    return False


def _carried(ctx: DocContext, index: int, placer: Actor, anywhere: bool) -> Place | None:
    """The place the text gave an act in the last sentences, if the act is of the same
    country, or `anywhere` (force without a known target: "French commandos killed about ten
    of the fleeing attackers", after an attack in Mali)."""
    if ctx.last_event_place is None:
        return None
    at, place = ctx.last_event_place
    if index - at > CARRY_SENTENCES or not (anywhere or placer.country == place.country):
        return None
    return place


def _remember(ctx: DocContext, index: int, topic: bool, place: Place, how: str) -> dict:
    if not topic:  # what statements are about is not where the next act happens
        ctx.last_event_place = (index, place)
    return _located(place, how)


def _article_place_in(ctx: DocContext, country: str, preps: frozenset[str]):
    """The city or region of `country` the article names most often as where something
    happens (not as a party: "Minsk said"), if any: finer than the country itself."""
    if ctx.article_places is None:  # every country's at once, the first time one is asked
        counts: dict = {}
        for p in ctx.places:
            if p.place.country and p.place.feature != "country" and \
                    not stands_for_actor(ctx, p, preps):
                counts[p.place] = counts.get(p.place, 0) + 1
        ctx.article_places = {}
        for place, n in counts.items():
            best = ctx.article_places.get(place.country)
            if best is None or n > counts[best]:
                ctx.article_places[place.country] = place
    return ctx.article_places.get(country)


def _located(place, how: str) -> dict:
    granularity = {"city": "city", "country": "country"}.get(place.feature, "region")
    return {**place.to_dict(), "source": how, "granularity": granularity}
