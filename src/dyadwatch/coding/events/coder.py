"""CAMEO event coding of one sentence over the dependency parse: verb pattern + source +
target -> Event.

For each verb, `VerbLexicon.match` picks the most specific pattern whose words stand in the
verb's clause (else the verb's default code). Roles come from the parse (`roles`): subject =
source, object or prepositional object = target, passives turned round, coordinated subjects
and objects expanded to one event each. Negation and modality (`modality`) go into `negated`
and `context`. Every candidate, kept or dropped, is recorded with its reason for `explain`.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Span, Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.dates import event_date
from dyadwatch.coding.events import doers, force, roles, speech_acts
from dyadwatch.coding.events.characterisations import characterisations
from dyadwatch.coding.events.event_record import Candidate, make_event
from dyadwatch.coding.events.modality import (
    code_in_context,
    modality,
    obliged,
    requested,
)
from dyadwatch.coding.events.nominals import code_nominals
from dyadwatch.coding.events.protests import code_protests
from dyadwatch.coding.events.slots import slots
from dyadwatch.coding.inflection import verb_lemmas
from dyadwatch.coding.syntax import (acts_on_each_other, clause_positions, is_passive, pobjs,
                                     string_ids)
from dyadwatch.kb.codebook import Code
from dyadwatch.kb.knowledge import Knowledge
from dyadwatch.kb.lexicon import VerbPattern
from dyadwatch.records import Actor, Event

MAX_EVENTS_PER_SENTENCE = 8
KEYS_CACHE_SIZE = 50_000  # verbs (form, lemma, particle) whose lexicon keys are remembered
# clauses that are not part of this verb's own argument frame
_OTHER_CLAUSES = frozenset({"conj", "advcl", "relcl", "parataxis", "cc", "punct"})
_NESTED_CLAUSES = frozenset({"relcl", "parataxis"})  # further down, what leaves the clause


def _clause_tokens(ctx: DocContext, verb: Token) -> tuple[list[Token], list[Token]]:
    """The words of the verb's own clause before and after it."""
    found = clause_positions(ctx, verb, _OTHER_CLAUSES, _NESTED_CLAUSES)
    at, tokens = found.index(verb.i), ctx.tokens
    return [tokens[i] for i in found[:at]], [tokens[i] for i in found[at + 1:]]


def _particle(ctx: DocContext, verb: Token) -> Token | None:
    """The verb's particle ("carry out"), if any."""
    return next((c for c in ctx.children(verb) if c.dep_ == "prt"), None)


def _verb_keys(verb: Token, prt: Token | None) -> list[str]:
    """Phrasal verb before bare verb, the tagger's lemma before the read-off ones."""
    return [k for lemma in verb_lemmas(verb)
            for k in ([f"{lemma} {prt.lower_}"] if prt is not None else []) + [lemma]]


def _each_other(ctx: DocContext, verb: Token, sent: Span, reciprocal_ids: frozenset[int]) -> bool:
    """`acts_on_each_other`, looked for only in a sentence with a reciprocal word."""
    return not reciprocal_ids.isdisjoint(ctx.lemma_ids[sent.start:sent.end]) and \
        acts_on_each_other(ctx, verb)


def one_telling_per_act(candidates: list[Candidate], events: list[Event]) -> list[Event]:
    """Events of one source, root and target country that different verbs of a sentence code
    are one act told twice ("police fired tear gas and used batons to disperse protesters"):
    the verb (candidate) whose target is named most precisely (protesters over a bare
    country), then the likeliest, keeps its events. Events of one verb stay together
    ("detained a journalist and two lawmakers" has two targets)."""
    verb = {id(ev): id(cand) for cand in candidates for ev in cand.events}

    def act(ev: Event) -> tuple:
        return ev.source.code, ev.target.country or ev.target.code if ev.target else None, ev.root

    def named_precisely(ev: Event) -> tuple:
        return len(ev.target.code or "") if ev.target else 0, ev.confidence

    telling: dict[tuple, int] = {}
    for ev in sorted(events, key=named_precisely, reverse=True):
        telling.setdefault(act(ev), verb.get(id(ev), id(ev)))
    return [ev for ev in events if telling[act(ev)] == verb.get(id(ev), id(ev))]


class EventCoder:
    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.lexicon, self.book = knowledge.lexicon, knowledge.codebook
        self.words, self.rules = knowledge.words, knowledge.cameo_rules
        self.is_reporting = knowledge.reporting_verbs
        self._keys: dict[tuple[int, int, int], tuple[str, ...]] = {}  # see _known_keys
        self._reciprocal_ids = string_ids(self.words["reciprocal_word"])

    def code_sentence(self, ctx: DocContext, sent: Span,
                      index: int) -> tuple[list[Event], list[Candidate]]:
        events: dict[tuple, Event] = {}
        candidates: list[Candidate] = []

        def add(ev: Event, cand: Candidate) -> None:  # one event per source, target, code
            k = (ev.source.code, ev.target.code if ev.target else None, ev.cameo, index)
            if k not in events or events[k].confidence < ev.confidence:
                events[k] = ev
                cand.events.append(ev)

        pos = ctx.pos_ids
        for verb in ctx.sentence_tokens(sent):
            if pos[verb.i] != VERB and not (pos[verb.i] == AUX and verb.dep_ == "ROOT"):
                continue
            if verb.i + 1 < sent.end and ctx.tokens[verb.i + 1].lower_ in self.words["title_tail"]:
                continue  # "the UAE charge d'affaires", parsed as the verb "charge": a title
            keys = self._known_keys(ctx, verb)
            own = self._pattern(ctx, verb, keys) if keys else None  # the verb's own pattern, if any
            if self.is_reporting(verb):
                cand = Candidate(verb.text, "demand", False, "")
                for ev in speech_acts.demand(ctx, verb, sent, index, cand):
                    add(ev, cand)
                for ev in speech_acts.retribution(ctx, verb, sent, index, cand):
                    add(ev, cand)
                if self._speaks_only(own):  # "told X to ...": no pattern of its own codes it
                    for ev in speech_acts.instruction(ctx, verb, sent, index, cand):
                        add(ev, cand)
                if cand.kept:
                    candidates.append(cand)
            for cand, ev in self._code_verb(ctx, verb, sent, index, candidates, keys, own):
                add(ev, cand)

        def unless_coded(cand: Candidate, found, coded) -> None:
            """Events of the rules beyond the verbs, unless `coded(e, ev)` says one is in."""
            for ev in found:
                if not any(coded(e, ev) for e in events.values()):
                    add(ev, cand)
            if cand.events:
                cand.kept, cand.reason = True, "coded"
                candidates.append(cand)

        unless_coded(Candidate("(descriptions)", "what a speaker calls an actor", False, ""),
                     characterisations(ctx, sent, index),  # a verb already coded it
                     lambda e, ev: e.source.country == ev.source.country and e.root == ev.root
                     and e.target is not None and e.target.country == ev.target.country)
        unless_coded(Candidate("(nouns)", "curated nominal events", False, ""),
                     code_nominals(ctx, sent, index),  # a verb already coded it, or this dyad
                     lambda e, ev: e.source.country == ev.source.country and e.target is not None
                     and (e.root == ev.root or e.target.country == ev.target.country))
        unless_coded(Candidate("(protest nouns)", "a protest takes place", False, ""),
                     code_protests(ctx, sent, index),  # protesters named as a verb's subject
                     lambda e, ev: e.root == ev.root and e.source.country == ev.source.country)
        once = one_telling_per_act(candidates, list(events.values()))
        kept_ids = {id(e) for e in once}
        for cand in candidates:
            if cand.events and not any(id(e) in kept_ids for e in cand.events):
                cand.kept = False
                cand.reason = "the act another verb of the sentence names: coded once"
        kept = sorted(once, key=lambda e: -e.confidence)[:MAX_EVENTS_PER_SENTENCE]
        return sorted(kept, key=lambda e: e.start), candidates

    def _code_verb(self, ctx, verb, sent, index, candidates, keys: list[str],
                   own: VerbPattern | None) -> Iterator[tuple[Candidate, Event]]:
        """The events of one verb (whose lexicon keys and own pattern are given), each with the
        candidate that records why."""
        light = self._light_verb_pattern(ctx, verb)
        if not keys and light is None:
            return
        skip = self._skip_reason(ctx, verb)
        if skip:
            candidates.append(Candidate(verb.text, "-", False, skip))
            return
        if verb.lemma_.lower() in self.words["alleging_verb"]:
            cand = Candidate(verb.text, "allegation", False, "no conflict event alleged")
            candidates.append(cand)
            for ev in speech_acts.allegation(ctx, verb, sent, index,
                                             lambda comp: self._codes_as(ctx, comp), cand):
                yield cand, ev
            if cand.kept:
                return
        if own is not None and light is not None and own.specificity == 0 and \
                own.code[:2] == self.rules.code("statement_root"):
            own = None  # "declared the recall of its ambassador": the noun's act, not a statement
        pattern = own or light
        if pattern is None:
            candidates.append(Candidate(verb.text, "-", False, f"no pattern of {keys[0]!r} fits"))
            return
        cand = Candidate(verb.text, pattern.describe(), False, "")
        candidates.append(cand)
        code = self.book.lookup(pattern.code if pattern.code != "-" else pattern.reverse)
        cand.reason = self._no_event_reason(ctx, verb, pattern, code)
        if cand.reason:
            return
        for ev in self._events(ctx, verb, sent, index, pattern, code, cand):
            yield cand, ev

    def _no_event_reason(self, ctx: DocContext, verb: Token, pattern: VerbPattern,
                         code: Code | None) -> str:
        """Why a fitting pattern (whose code is `code`) makes no event here, or '' when it does."""
        if pattern.code == "-" and not pattern.reverse:
            return "the pattern marks a non-event ('declined to comment')"
        if pattern.specificity == 0 and any(c.dep_ == "oprd" and c.lower_ not in self.words[
                "resultative_word"] for c in ctx.children(verb)):  # not "shot dead"
            return "names something something ('called the deal a disaster'): " \
                   "no pattern for the label, so no event"
        if code is None:
            return f"code {pattern.code} not in the codebook"
        if code.root == self.rules.code("statement_root") and self.is_reporting(verb):
            return "a statement: recorded as a quote"
        if code.code == self.rules.code("bare_statement"):  # "cited", "echoed", "underscores"
            return "a bare statement (010): not an event"
        return ""

    def _skip_reason(self, ctx: DocContext, verb: Token) -> str | None:
        head = verb.head
        clause = verb
        while clause.dep_ in ("xcomp", "acomp") and clause.head.i != clause.i:
            clause = clause.head  # "the US must be ready to mediate"
        if clause.dep_ == "ccomp" and obliged(ctx, clause) and \
                self.is_reporting(clause.head):
            return f"what {clause.head.text!r} says another must do: coded as a demand"
        if head.lemma_.lower() in self.words["request_governor"] and requested(ctx, verb):
            return f"asked of someone by {head.text!r}: the request is the event"
        if head.lemma_.lower() in self.words["alleging_verb"] and verb.dep_ == "ccomp":
            return f"alleged by {head.text!r}: coded as an accusation"
        lemma = verb.lemma_.lower()
        intent = self.words["intent_governor"]
        if lemma in intent | self.words["commitment_governor"] and not any(
                c.dep_ == "dobj" for c in ctx.children(verb)):
            comp = next((c for c in ctx.children(verb) if c.dep_ in ("xcomp", "acomp")), None)
            if comp is not None and comp.pos_ == "VERB" and self._codes_as(ctx, comp) is not None:
                how = "coded as intended" if lemma in intent else "coded as done"
                return f"governs {comp.text!r}, which carries the event ({how})"
        return None

    def _light_verb_pattern(self, ctx: DocContext, verb: Token) -> VerbPattern | None:
        """'began their assault on Mosul', 'waged a campaign against', 'declared the recall of
        its ambassador': a light verb takes the code of the event noun it governs, when no
        pattern of its own fits (an announcing one only a conflict act's)."""
        lemma = verb.lemma_.lower()
        announcing = lemma in self.words["announcing_light_verb"]
        responding = lemma in self.words["responding_light_verb"]  # "responded with strikes"
        if lemma not in self.words["light_verb"] and not announcing and not responding:
            return None
        objs = pobjs(ctx, verb, {"with"}) if responding else \
            [c for c in ctx.children(verb) if c.dep_ == "dobj"]
        for obj in objs:
            spec = self.lexicon.nominal(obj)
            code = self.book.lookup(spec[0]) if spec is not None else None
            if code is not None and (not announcing or code.quad_class >= 3):
                return VerbPattern(verb.lemma_.lower(), (), (obj.lower_,), spec[0], frozenset(),
                                   "light verb + event noun")
        return None

    def _known_keys(self, ctx: DocContext, verb: Token) -> list[str]:
        """The verb's keys (phrasal verb first) the lexicon has patterns for. Memoised per
        form, lemma and particle (by their ids): the same few thousand verbs recur."""
        prt = _particle(ctx, verb)
        memo = (verb.lower, verb.lemma, prt.lower if prt is not None else 0)
        keys = self._keys.get(memo)
        if keys is None:
            keys = tuple(k for k in _verb_keys(verb, prt) if self.lexicon.known(k))
            if len(self._keys) < KEYS_CACHE_SIZE:
                self._keys[memo] = keys
        return list(keys)

    def _pattern(self, ctx: DocContext, verb: Token, keys: list[str]) -> VerbPattern | None:
        """The pattern of the first key that fits the clause ('carry out' [cyberattack], else
        'carry' [air strike])."""
        clause = None  # the clause's words, read only when a key has patterns with words
        for key in keys:
            if clause is None and self.lexicon.has_patterns(key):
                left, right = _clause_tokens(ctx, verb)
                if is_passive(ctx, verb):  # "Evidence against Russia was presented": object before
                    right = right + left[::-1]
                clause = left, right
            pattern, _ = self.lexicon.match(key, verb, *(clause or ([], [])))
            if pattern is not None:
                return pattern
        return None

    def _speaks_only(self, pattern: VerbPattern | None) -> bool:
        """Whether a verb's own pattern, if any, makes it a mere statement (root 01)."""
        code = self.book.lookup(pattern.code) if pattern and pattern.code != "-" else None
        return code is None or code.root == self.rules.code("statement_root")

    def _codes_as(self, ctx: DocContext, verb: Token) -> VerbPattern | None:
        """The pattern the lexicon has for this verb in its clause, if any."""
        return self._pattern(ctx, verb, self._known_keys(ctx, verb))

    def _events(self, ctx, verb, sent, index, pattern: VerbPattern, code: Code, cand):
        found = slots(ctx, verb, index, pattern, code)
        if isinstance(found, str):
            cand.reason = found
            return
        src_heads, objs, implied = found.sources, found.objects, found.implied
        # what the act is on, for the fallbacks below: the slots' words, else the direct objects
        acted_on = objs if objs is not None else [c for c in ctx.children(verb) if c.dep_ == "dobj"]
        confidence = (0.8 if pattern.specificity else 0.6) - found.doubt
        src_heads = self._source_heads(ctx, src_heads, code)
        sources = [(h, a) for h in src_heads
                   for a in (ctx.actors.resolve_all(h) or [roles.associated(ctx, h)])]
        sources = [(h, a) for h, a in sources if a is not None and a.code
                   and not ctx.actors.reports_only(h)] or ([(verb, implied)] if implied else [])
        if not sources:
            cand.reason = "no source actor: " + (", ".join(t.text for t in src_heads) or "no subject")
            return
        negated, context = modality(ctx, verb)
        plain = code
        code, negated = code_in_context(ctx, verb, code, negated, context)
        forward = pattern.code != "-"
        # "received assurances from X": X's act; "held talks with X": X held them too
        back = self.book.lookup(pattern.reverse or "") if code is plain and not negated else None
        if not forward and back is None:
            cand.reason = "the act is the target's, and it is negated or only intended"
            return
        date_info = event_date(ctx, verb)
        mutual = self.rules.codes("mutual_roots")
        # coordinated parties with no one else named act on each other only if the act is
        # mutual: "Armenia and Azerbaijan clashed", "accused each other"; not "China and
        # Russia support the government"
        reciprocal = code.root in self.rules.codes("mutual_without_cue_roots") or \
            bool(pattern.reverse) or verb.lemma_.lower() in self.words["reciprocal_verb"] or \
            _each_other(ctx, verb, sent, self._reciprocal_ids)
        acting = {h for h, _ in sources}
        for src_tok, source in sources:
            heads = roles.target_heads(ctx, verb, source, objs, code.root)
            targets = [(h, a) for h in heads for a in roles.target_actors(ctx, h, source)]
            # a source is no target of its own act, nor of its co-sources' ("drew criticism from
            # opponents and the Bar Association": both criticised, neither the other)
            targets = [(h, a) for h, a in targets if a is not None and not roles.same_actor(a, source)
                       and h not in acting and not force.own_forces(ctx, code.root, source, a)
                       and not ctx.actors.reports_only(h)]
            if len(sources) > 1 and (reciprocal if not targets else code.root in mutual and all(
                    a.country == source.country or a.country in {x.country for _, x in sources}
                    or roles.place_slot(ctx, h) for h, a in targets)):
                # "Armenia and Azerbaijan clashed", "the US, Russia and Switzerland met": each
                # party acts on the others
                targets = [(h, a) for h, a in sources if roles.distinct_parties(a, source)]
            if implied:  # "thousands of people were jailed": the state's own people, unless
                targets = [(h, roles.of_country(ctx, h, a, source.country)) for h, a in targets]
            if code.root in self.rules.codes("home_target_roots") and \
                    not any(a.country for _, a in targets):
                targets = self._at_home(ctx, acted_on, targets, source, code) or targets
            if forward and code.root in self.rules.codes("force_roots") and \
                    not any(a.country for _, a in targets):
                struck = roles.struck_country(ctx, verb, acted_on, source)
                targets = [struck] if struck else targets
            if not targets and code.root in self.rules.codes("protest_home_roots"):
                home = ctx.actors.home.protested(verb, src_tok, source)
                targets = [(None, home)] if home is not None else []
            if not targets:  # "condemned the attack": whoever did the act named before
                named = roles.act_named_before(ctx, acted_on, source)
                if named is None and "received" in pattern.flags:
                    named = roles.state_of_act(ctx, acted_on, source)
                if named is None and code is plain and \
                        code.root in self.rules.codes("context_target_roots"):
                    # the pattern's own code: not "did not back down" read as a refusal
                    named = roles.party_in_context(ctx, index, source,
                                                   {a.country for _, a in sources})
                targets = [named] if named else [(None, None)]
            for tgt_tok, target in targets:
                conf = confidence - (0.1 if target is None else 0.0)
                src, tgt = (src_tok, source), (tgt_tok, target)
                if forward and force.in_words(ctx, pattern, code, source, target):
                    # "Trump attacked Clinton", "the senator hit back at critics"
                    yield make_event(ctx, verb, sent, index, src, tgt,
                                     self.book.lookup(self.rules.code("verbal_attack")), conf,
                                     negated, context + ["verbal"], date_info, pattern)
                elif forward:
                    yield make_event(ctx, verb, sent, index, src, tgt,
                                     force.force_sense(ctx, verb, code, src, target), conf,
                                     negated, context, date_info, pattern)
                if back is not None and tgt_tok is not None and target is not None and \
                        not roles.place_slot(ctx, tgt_tok):  # no word names an implied target
                    yield make_event(ctx, verb, sent, index, tgt, src, back, conf - 0.1,
                                     negated, context, date_info, pattern)
        cand.kept = True
        cand.reason = "coded"

    def _at_home(self, ctx: DocContext, acted_on: list[Token], targets: list, source: Actor,
                 code: Code) -> list:
        """'police detained 15 members of a coup plot', 'arrested Tamara Davila': no one the
        dictionaries know, so someone of the source's own country (HomeActors.acted_on);
        not the act itself ('carried out air strikes'), nor a person expelled."""
        obj = targets[0][0] if targets else next(iter(acted_on), None)
        if obj is None or self.lexicon.nominal(obj) is not None:
            return []
        persons = code.code not in self.rules.codes("abroad_codes")
        home = ctx.actors.home.acted_on(obj, source, persons)
        return [(obj, home)] if home is not None else []

    def _source_heads(self, ctx: DocContext, heads: list[Token], code: Code) -> list[Token]:
        """'US sanctions hurt the economy': an event noun is no actor; but 'US drone strikes
        killed ten fighters': the nationality on an attack is the attacker."""
        force = code.root in self.rules.codes("force_roots")
        weapons = self.words["weapon_noun"]
        return [o for h in heads for o in (
            doers.owners(ctx, h) if force and (
                self.lexicon.nominal(h) is not None or h.lemma_.lower() in weapons) else
            [h] if self.lexicon.nominal(h) is None else [])]
