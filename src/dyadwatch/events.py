"""CAMEO event coding over the dependency parse: verb pattern + source + target -> Event.

For each verb, `VerbLexicon.match` picks the most specific pattern whose words stand in the
verb's clause (else the verb's default code). Roles come from the parse: subject = source,
object or prepositional object = target, passives turned round, coordinated subjects and
objects expanded to one event each. Negation and modality go into `negated` and `context`.
Every candidate, kept or dropped, is recorded with its reason for `dyadwatch explain`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from . import codebook, dates
from .actors import DocumentActors
from .knowledge import word_class
from .lexicon import VerbLexicon, VerbPattern, is_reporting_verb
from .records import Actor, Event
from .syntax import expand_conjuncts, is_passive, own_subjects, pruned_subtree, subjects

MAX_EVENTS_PER_SENTENCE = 8
TARGET_PREPS = {"with", "against", "on", "to", "toward", "towards", "from", "at", "into", "over",
                "upon", "for"}
# governing verbs that turn their complement into a non-event ("refuse to cooperate")
NEGATING_GOVERNORS = {"refuse", "decline", "reject", "deny", "fail", "avoid", "stop", "cease"}
# governors whose complement is only wanted or planned: "wants to attack" is a threat (13x)
INTENT_GOVERNORS = {"plan", "hope", "want", "intend", "seek", "aim", "wish", "expect", "try",
                    "attempt", "threaten", "ready", "willing", "eager"}
# governors that commit to their complement: "pledged to expel" is the expulsion (174)
COMMITMENT_GOVERNORS = {"prepare", "decide", "agree", "pledge", "promise", "vow", "continue",
                        "begin", "start", "move", "resolve", "commit"}
# reporting verbs that make a reported attack an accusation ("claimed that ISIL had attacked")
ALLEGING_VERBS = {"claim", "allege", "charge", "accuse", "insist"}
# governors whose object is asked to act: "asked Obama to help Iran" codes the request only
REQUEST_GOVERNORS = {"ask", "urge", "call", "press", "pressure", "encourage", "invite", "request",
                     "demand", "want", "tell", "order", "force"}
# speech acts that turn "X will do Y" into an intention (CAMEO 03x) or a threat (13x)
ANNOUNCING_VERBS = {"announce", "say", "promise", "pledge", "vow", "declare", "state", "warn",
                    "confirm"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "can", "must"}
# "Russia said Sudan must return the helicopter": the speaker demands it of Sudan (CAMEO 10)
OBLIGATION_AUX = {"must", "should"}
FUTURE_AUX = {"will", "shall"}
# clauses that are not part of this verb's own argument frame
_OTHER_CLAUSES = {"conj", "advcl", "relcl", "parataxis", "cc", "punct"}
# acts that coordinated parties do to each other ("Armenian and Azerbaijani officials met")
MUTUAL_ROOTS = {"04", "05", "06", "19"}
# meetings, protests, force postures and violence: "met in Zurich", "protested in Beijing",
# "exercises in Alaska" target the place
LOCATION_TARGET_ROOTS = {"04", "14", "15", "18", "19", "20"}
_LOCATIVE_PREPS = {"in", "inside", "near", "at"}
# sectors that use force; others who "attack" or "hit" someone do it with words
ARMED_SECTORS = {"MIL", "REB", "INS", "IMG", "COP", "SPY", "UAF", "CRM"}
# weapons as subjects stand for whoever used them ("missiles fired by Israel struck a depot")
WEAPON_NOUNS = word_class("weapon_noun")
# verbs whose event is the noun they govern ("began an assault", "waged a campaign")
LIGHT_VERBS = word_class("light_verb")
# verbs whose coordinated subjects act on each other ("agreed", "signed", "reconciled")
RECIPROCAL_VERBS = word_class("reciprocal_verb")
_ASSOCIATION = {"link", "affiliate", "ally", "tie", "connect", "associate", "belong", "loyal"}


@dataclass(slots=True)
class Candidate:
    """A verb the lexicon knows, with what became of it (for `explain`)."""

    trigger: str
    pattern: str
    kept: bool
    reason: str
    events: list[Event] = field(default_factory=list)


def _clause_tokens(verb: Token) -> tuple[list[Token], list[Token]]:
    """The words of the verb's own clause before and after it."""
    toks = pruned_subtree(verb, lambda c: c.dep_ not in _OTHER_CLAUSES,
                          lambda c: c.dep_ not in ("relcl", "parataxis"))
    return [t for t in toks if t.i < verb.i], [t for t in toks if t.i > verb.i]


def _lemmas(verb: Token) -> list[str]:
    """The tagger's lemma, then base forms read off the word itself, for the lemmas the
    small model gets wrong ("staged" -> "stag")."""
    w, out = verb.lower_, [verb.lemma_.lower()]
    if w.endswith("ied"):
        out.append(w[:-3] + "y")
    elif w.endswith("ed"):
        out += [w[:-1], w[:-2]] + ([w[:-3]] if len(w) > 4 and w[-3] == w[-4] else [])
    elif w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"] + ([w[:-4]] if len(w) > 5 and w[-4] == w[-5] else [])
    elif w.endswith("es"):
        out += [w[:-2], w[:-1]]
    elif w.endswith("s"):
        out.append(w[:-1])
    return list(dict.fromkeys(out))


def _verb_keys(verb: Token) -> list[str]:
    """Phrasal verb before bare verb, the tagger's lemma before the read-off ones."""
    prt = next((c for c in verb.children if c.dep_ == "prt"), None)
    return [k for lemma in _lemmas(verb)
            for k in ([f"{lemma} {prt.lower_}"] if prt is not None else []) + [lemma]]


def _pobjs(tok: Token, preps=TARGET_PREPS) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


class EventCoder:
    def __init__(self, lexicon: VerbLexicon):
        self.lexicon = lexicon

    # ------------------------------------------------------------------ roles

    def _associated(self, actors: DocumentActors, tok: Token) -> Actor | None:
        """'organizations linked to Navalny', 'supporters of Navalny': the actor they belong to."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        for c in tok.children:
            if (c.dep_ == "acl" and c.lemma_.lower() in _ASSOCIATION) or \
                    (c.dep_ == "prep" and c.lower_ == "of"):
                for t in c.subtree:
                    if t.i != c.i and actors.by_token.get(t.i) and actors.by_token[t.i].entry:
                        a = actors.resolve(t)
                        if a is not None:
                            return replace(a, how=f"associated with {a.text!r}")
        return None

    def _targets(self, verb: Token, actors: DocumentActors, source: Actor | None,
                 objs: list[Token] | None, root: str):
        """Target heads in order of preference: the object (the subject of a passive), a
        preposition on it, the verb's own prepositions, a participle's object, a reported
        clause's subject, anything named inside the object, and for meetings and force the
        place it happens ("met in Zurich")."""
        if objs is None:
            objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj", "oprd")]
        heads: list[Token] = list(objs)
        for o in objs:
            heads.extend(_pobjs(o))
        heads.extend(_pobjs(verb))
        for c in verb.children:  # "announced sanctions, punishing Moscow"
            if c.dep_ == "advcl" and c.tag_ == "VBG" and not own_subjects(c):
                heads.extend(x for x in c.children if x.dep_ == "dobj")
        for c in verb.children:  # "ruled that two organizations ... were extremist"
            if c.dep_ == "ccomp" and c.i > verb.i:
                heads.extend(own_subjects(c))
        heads.extend(_complement_objects(verb))
        for o in objs:  # "an invitation to meet with Kim", "a travel ban imposed on Chadians"
            for c in o.children:
                if c.dep_ == "acl" and c.pos_ == "VERB":
                    heads.extend(_pobjs(c))
        if root == "14":
            heads.extend(_protest_addressees(verb))
        for o in objs + _pobjs(verb):  # "a summit on the unrest in Iran", "advised against
            # travel to Tunisia"; not "a group that seized Iraq"
            heads.extend(t for t in _phrase_tokens(o) if t.i != o.i and t.pos_ == "PROPN")
        if root in LOCATION_TARGET_ROOTS:
            places = _pobjs(verb, {"in", "inside", "near"})
            heads.extend(places)
            heads.extend(t for p in places for t in _phrase_tokens(p) if t.i != p.i and t.pos_ == "PROPN")
        for h in heads:
            if _owned_by(h, actors, source):
                continue  # "recalled its ambassador from Brussels": the source's own agent
            a = actors.resolve(h) or self._associated(actors, h)
            if a is None or _same(a, source):
                continue
            if h.dep_ in ("compound", "amod", "nmod") and source is not None and \
                    a.country and a.country == source.country:
                continue  # "released US military assistance to Egypt": the source's own
            return expand_conjuncts([h])
        return []

    @staticmethod
    def _coordinated(heads: list[Token], actors: DocumentActors) -> list[Token]:
        """Conjuncts of each head, also when the parser hung them on another word of the
        same name ("Barack Obama and Putin") or made a list an apposition ("The US, Russia,
        and Switzerland")."""
        out = expand_conjuncts(heads)
        for h in list(out):
            m = actors.by_token.get(h.i)
            members = [h.doc[i] for i in range(m.start, m.end)] if m else [h]
            for t in members:
                for c in t.children:
                    if c.dep_ == "conj" or (c.dep_ == "appos" and any(
                            x.dep_ == "cc" for x in c.subtree)):
                        out.extend(x for x in expand_conjuncts([c]) if x not in out)
        return out

    # ------------------------------------------------------------------ context
    @staticmethod
    def _context(verb: Token) -> tuple[bool, list[str]]:
        negated, ctx = False, []
        tok, chain = verb, [verb]
        while tok.dep_ in ("xcomp", "acomp", "ccomp") and tok.head.i != tok.i and len(chain) < 5:
            if tok.dep_ == "ccomp" and not tok.head.lemma_.lower() in INTENT_GOVERNORS:
                break
            tok = tok.head
            chain.append(tok)
        for t in chain:
            kids = list(t.children)
            if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in kids):
                negated = True
            if t.i != verb.i and t.lemma_.lower() in NEGATING_GOVERNORS:
                negated = True
            if t.i != verb.i and t.lemma_.lower() in INTENT_GOVERNORS:
                ctx.append("intended")
            auxes = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
            if auxes & FUTURE_AUX or "going" in auxes:
                ctx.append("future")
            if auxes & HYPOTHETICAL_AUX:
                ctx.append("hypothetical")
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in kids):
                ctx.append("hypothetical")
        # "Israel announced it would free prisoners": an announced future act is an intention
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in ANNOUNCING_VERBS and \
                {c.lower_ for c in verb.children if c.dep_ == "aux"} & (FUTURE_AUX | {"would"}):
            ctx.append("intended")
        if negated:
            ctx.append("negated")
        return negated, list(dict.fromkeys(ctx))

    # ------------------------------------------------------------------ coding
    def code_sentence(self, sent: Span, index: int, actors: DocumentActors,
                      published: str | None) -> tuple[list[Event], list[Candidate]]:
        events: dict[tuple, Event] = {}
        candidates: list[Candidate] = []

        def add(ev: Event, cand: Candidate) -> None:  # one event per source, target, code
            k = (ev.source.code, ev.target.code if ev.target else None, ev.cameo, index)
            if k not in events or events[k].confidence < ev.confidence:
                events[k] = ev
                cand.events.append(ev)

        for verb in sent:
            if verb.pos_ not in ("VERB",) and not (verb.pos_ == "AUX" and verb.dep_ == "ROOT"):
                continue
            if is_reporting_verb(verb):
                cand = Candidate(verb.text, "demand", False, "")
                for ev in self._demand(verb, sent, index, actors, published, cand):
                    add(ev, cand)
                if cand.kept:
                    candidates.append(cand)
            keys = self._known_keys(verb)
            light = self._light_verb_pattern(verb)
            if not keys and light is None:
                continue
            skip = self._skip_reason(verb)
            if skip:
                candidates.append(Candidate(verb.text, "-", False, skip))
                continue
            if verb.lemma_.lower() in ALLEGING_VERBS:
                cand = Candidate(verb.text, "allegation", False, "no conflict event alleged")
                candidates.append(cand)
                for ev in self._allegation(verb, sent, index, actors, published, cand):
                    add(ev, cand)
                if cand.kept:
                    continue
            pattern = self._pattern(verb, keys) or light
            if pattern is None:
                candidates.append(Candidate(verb.text, "-", False, f"no pattern of {keys[0]!r} fits"))
                continue
            cand = Candidate(verb.text, pattern.describe(), False, "")
            candidates.append(cand)
            code = codebook.lookup(pattern.code if pattern.code != "-" else pattern.reverse)
            if pattern.code == "-" and not pattern.reverse:
                cand.reason = "the pattern marks a non-event ('declined to comment')"
                continue
            if pattern.specificity == 0 and any(c.dep_ == "oprd" for c in verb.children):
                cand.reason = "names something something ('called the deal a disaster'): " \
                              "no pattern for the label, so no event"
                continue
            if code is None:
                cand.reason = f"code {pattern.code} not in the codebook"
                continue
            if code.root == "01" and is_reporting_verb(verb):
                cand.reason = "a statement: recorded as a quote"
                continue
            if code.code == "010":  # "cited", "echoed", "underscores": no act, no attitude
                cand.reason = "a bare statement (010): not an event"
                continue
            for ev in self._events(verb, sent, index, actors, published, pattern, code, cand):
                add(ev, cand)
        nominal = Candidate("(nouns)", "curated nominal events", False, "")
        for ev in self.code_nominals(sent, index, actors, published):
            if not any(e.source.country == ev.source.country and (
                    e.root == ev.root or (e.target is not None and ev.target is not None and
                                          e.target.country == ev.target.country))
                       for e in events.values()):  # a verb already coded it, or this dyad
                add(ev, nominal)
        if nominal.events:
            nominal.kept, nominal.reason = True, "coded"
            candidates.append(nominal)
        kept = sorted(events.values(), key=lambda e: -e.confidence)[:MAX_EVENTS_PER_SENTENCE]
        return sorted(kept, key=lambda e: e.start), candidates

    def _event(self, verb, sent, index, actors, src, tgt, code, confidence, negated, context,
               date_info, pattern: VerbPattern) -> Event:
        (src_tok, source), (tgt_tok, target) = src, tgt
        if "pronoun" in source.how or (target and "pronoun" in target.how):
            confidence -= 0.1
        toks = [verb, src_tok] + ([tgt_tok] if tgt_tok is not None else [])
        start, end = actors.norm.to_original(min(t.idx for t in toks),
                                             max(t.idx + len(t.text) for t in toks))
        s_start, s_end = actors.norm.to_original(sent.start_char, sent.end_char)
        date, granularity, date_how = date_info
        return Event(
            sentence=actors.norm.original[s_start:s_end].strip(), sentence_index=index,
            source=source, target=target, cameo=code.code, root=code.root,
            quad_class=code.quad_class, goldstein=code.goldstein,
            plover={"type": code.plover_type, "mode": code.plover_mode}, trigger=verb.text,
            start=start, end=end, confidence=round(max(0.1, min(confidence, 0.95)), 2),
            negated=negated, context=context, date=date, date_granularity=granularity,
            date_source=date_how, location=_location(verb, actors), rule=pattern.describe())

    def _allegation(self, verb, sent, index, actors, published, cand):
        """'The US claimed that ISIL had attacked Iraq': the speaker accuses the attacker (112)."""
        comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if comp is None:
            return
        pattern = self._pattern(comp, self._known_keys(comp))
        inner = codebook.lookup(pattern.code) if pattern else None
        # "alleged that France was aware of the preparations": to allege is to accuse
        if (inner is None or inner.quad_class < 3) and verb.lemma_.lower() != "allege":
            return
        speakers = [(h, actors.resolve(h)) for h in subjects(verb)]
        accused = [(h, actors.resolve(h)) for h in own_subjects(comp)]
        code = codebook.lookup("112")
        rule = VerbPattern(verb.lemma_.lower(), (), ("that", comp.lemma_.lower()), "112",
                           frozenset(), "rule: alleging a conflict event")
        for src in speakers:
            for tgt in accused:
                if src[1] and tgt[1] and src[1].country != tgt[1].country:
                    cand.kept, cand.reason = True, f"alleges {comp.text!r}" + (
                        f" ({inner.code})" if inner else "")
                    yield self._event(verb, sent, index, actors, src, tgt, code, 0.6, False,
                                      ["alleged"], dates.event_date(verb, published), rule)

    def _demand(self, verb, sent, index, actors, published, cand):
        """'Russia said that Sudan must return the helicopter': the speaker demands it (100)."""
        comp = next((c for c in verb.children if c.dep_ == "ccomp" and _obliged(c)), None)
        if comp is None:
            return
        speakers = [(h, actors.resolve(h)) for h in subjects(verb)]
        addressees = [(h, actors.resolve(h)) for h in own_subjects(comp)]
        code = codebook.lookup("100")
        rule = VerbPattern(verb.lemma_.lower(), (), ("that", "must", comp.lemma_.lower()), "100",
                           frozenset(), "rule: says another must act")
        for src in speakers:
            for tgt in addressees:
                if _distinct_parties(src[1], tgt[1]):
                    cand.kept, cand.reason = True, f"{tgt[1].text!r} must {comp.text!r}"
                    yield self._event(verb, sent, index, actors, src, tgt, code, 0.6, False,
                                      ["demanded"], dates.event_date(verb, published), rule)

    def code_nominals(self, sent: Span, index: int, actors: DocumentActors,
                      published: str | None) -> list[Event]:
        """Events named by nouns ("Russia's invasion of Ukraine", "the Biden-Putin summit"),
        kept only when both sides are named in the noun phrase."""
        out = []
        for noun in sent:
            if noun.pos_ != "NOUN":
                continue
            spec = self.lexicon.nominal(noun)
            if spec is None:
                continue
            code_name, preps, mutual = spec
            code = codebook.lookup(code_name)
            sources = [t for t in noun.children if t.dep_ in ("poss", "amod", "compound", "nmod")
                       and t.i < noun.i]
            targets = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in preps
                       for p in c.children if p.dep_ == "pobj"]
            src = [(t, actors.resolve(t)) for t in self._coordinated(sources, actors)]
            src = [(t, a) for t, a in src if a is not None and a.code]
            tgt = [(t, actors.resolve(t)) for t in self._coordinated(targets, actors)]
            tgt = [(t, a) for t, a in tgt if a is not None and a.code]
            pairs = [(s, t) for s in src for t in tgt if s[1].country != t[1].country]
            if mutual:  # "the Biden-Putin summit", "US-Russian summits"
                pairs += [(a, b) for a in src for b in src if a[1].country != b[1].country]
            if code is None or not pairs:
                continue
            rule = VerbPattern(noun.lemma_.lower(), (), tuple(preps), code.code, frozenset(),
                               "curated nominal")
            for s, t in pairs:
                out.append(self._event(noun, sent, index, actors, s, t, code, 0.5, False,
                                       ["nominal"], dates.event_date(noun, published), rule))
        return out

    def _instrument_actors(self, verb: Token) -> list[Token]:
        """The nationality on an attack noun the passive happened 'in' or 'by'."""
        for c in verb.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "during", "from"):
                for p in c.children:
                    if p.dep_ == "pobj" and (self.lexicon.nominal(p) is not None or
                                             p.lemma_.lower() in WEAPON_NOUNS):
                        owners = _owners(p)  # "killed in Israeli shelling", "... tank fire"
                        if owners:
                            return owners
        return []

    def _skip_reason(self, verb: Token) -> str | None:
        head = verb.head
        clause = verb
        while clause.dep_ in ("xcomp", "acomp") and clause.head.i != clause.i:
            clause = clause.head  # "the US must be ready to mediate"
        if clause.dep_ == "ccomp" and _obliged(clause) and is_reporting_verb(clause.head):
            return f"what {clause.head.text!r} says another must do: coded as a demand"
        if head.lemma_.lower() in REQUEST_GOVERNORS and _requested(verb):
            return f"asked of someone by {head.text!r}: the request is the event"
        if head.lemma_.lower() in ALLEGING_VERBS and verb.dep_ == "ccomp":
            return f"alleged by {head.text!r}: coded as an accusation"
        lemma = verb.lemma_.lower()
        if lemma in INTENT_GOVERNORS | COMMITMENT_GOVERNORS and not any(
                c.dep_ == "dobj" for c in verb.children):
            comp = next((c for c in verb.children if c.dep_ in ("xcomp", "acomp")), None)
            if comp is not None and comp.pos_ == "VERB" and self._codes(comp):
                how = "coded as intended" if lemma in INTENT_GOVERNORS else "coded as done"
                return f"governs {comp.text!r}, which carries the event ({how})"
        return None

    def _light_verb_pattern(self, verb: Token) -> VerbPattern | None:
        """'began their assault on Mosul', 'waged a campaign against': a light verb takes
        the code of the event noun it governs, when no pattern of its own fits."""
        if verb.lemma_.lower() not in LIGHT_VERBS:
            return None
        for obj in verb.children:
            spec = self.lexicon.nominal(obj) if obj.dep_ == "dobj" else None
            if spec is not None:
                return VerbPattern(verb.lemma_.lower(), (), (obj.lower_,), spec[0], frozenset(),
                                   "light verb + event noun")
        return None

    def _known_keys(self, verb: Token) -> list[str]:
        """The verb's keys (phrasal verb first) the lexicon has patterns for."""
        return [k for k in _verb_keys(verb) if self.lexicon.known(k)]

    def _pattern(self, verb: Token, keys: list[str]) -> VerbPattern | None:
        """The pattern of the first key that fits the clause ('carry out' [cyberattack], else
        'carry' [air strike])."""
        left, right = _clause_tokens(verb)
        if is_passive(verb):  # "Evidence against Russia was presented": the object is before
            right = right + left[::-1]
        for key in keys:
            pattern, _ = self.lexicon.match(key, verb, left, right)
            if pattern is not None:
                return pattern
        return None

    def _codes(self, verb: Token) -> bool:
        """Whether the lexicon has a pattern for this verb in its clause."""
        return self._pattern(verb, self._known_keys(verb)) is not None

    def _context_code(self, verb: Token, code, negated: bool, context: list[str]):
        """CAMEO codes intentions (03x, 13x), refusals (12x) and appeals (02x) as events."""
        new, negated_out = None, negated
        if "intended" in context:
            new = codebook.transform(code.code, "intended")
        if negated:
            refused = codebook.transform(code.code, "negated")
            if refused:
                new, negated_out = refused, False
        if verb.lemma_.lower() in REQUEST_GOVERNORS and any(_requested(c) for c in verb.children):
            new = codebook.transform(code.code, "requesting") or new
        return (codebook.lookup(new) or code) if new else code, negated_out

    def _events(self, verb, sent, index, actors, published, pattern: VerbPattern, code, cand):
        passive = is_passive(verb)
        confidence = 0.8 if pattern.specificity else 0.6
        subj_heads = self._coordinated(subjects(verb), actors)
        objs = None  # the active object slots
        if passive:
            agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children
                      if p.dep_ == "pobj"]
            if agents:
                src_heads, objs = self._coordinated(agents, actors), subj_heads
            elif "patient_acts" in pattern.flags:
                src_heads, objs = subj_heads, []
                confidence -= 0.1
            elif self._instrument_actors(verb):
                # "killed in Israeli shelling", "wounded in a Russian airstrike"
                src_heads, objs = self._instrument_actors(verb), subj_heads
                confidence -= 0.1
            else:
                cand.reason = "passive without an agent: the source is unknown"
                return
        else:
            src_heads = subj_heads
        # "US sanctions hurt the economy": an event noun is no actor; but "US drone strikes
        # killed ten fighters": the nationality on an attack is the attacker
        src_heads = [o for h in src_heads for o in (
            _owners(h) if code.root in ("18", "19", "20") and (
                self.lexicon.nominal(h) is not None or h.lemma_.lower() in WEAPON_NOUNS) else
            [h] if self.lexicon.nominal(h) is None else [])]
        sources = [(h, a) for h in src_heads
                   for a in (actors.resolve_all(h) or [self._associated(actors, h)])]
        sources = [(h, a) for h, a in sources if a is not None and a.code]
        if not sources:
            cand.reason = "no source actor: " + (", ".join(t.text for t in src_heads) or "no subject")
            return
        negated, context = self._context(verb)
        plain = code
        code, negated = self._context_code(verb, code, negated, context)
        forward = pattern.code != "-"
        # "received assurances from X": X's act; "held talks with X": X held them too
        back = codebook.lookup(pattern.reverse or "") if code is plain and not negated else None
        if not forward and back is None:
            cand.reason = "the act is the target's, and it is negated or only intended"
            return
        date_info = dates.event_date(verb, published)
        # coordinated parties with no one else named act on each other only if the act is
        # mutual: "Armenia and Azerbaijan clashed", "accused each other"; not "China and
        # Russia support the government"
        reciprocal = code.root in MUTUAL_ROOTS - {"05"} or bool(pattern.reverse) or \
            verb.lemma_.lower() in RECIPROCAL_VERBS or any(
                c.lower_ in ("other", "another") for o in verb.children for c in o.subtree
                if o.dep_ in ("dobj", "pobj", "prep"))
        for src_tok, source in sources:
            heads = self._targets(verb, actors, source, objs, code.root)
            targets = [(h, a) for h in heads
                       for a in (actors.resolve_all(h) or [self._associated(actors, h)])]
            targets = [(h, a) for h, a in targets if a is not None and not _same(a, source)]
            if len(sources) > 1 and (reciprocal if not targets else code.root in MUTUAL_ROOTS and all(
                    a.country == source.country or a.country in {x.country for _, x in sources}
                    or _place_slot(h) for h, a in targets)):
                # "Armenia and Azerbaijan clashed", "the US, Russia and Switzerland met": each
                # party acts on the others
                targets = [(h, a) for h, a in sources if _distinct_parties(a, source)]
            if not targets:
                targets = [(None, None)]
            for tgt_tok, target in targets:
                conf = confidence - (0.1 if target is None else 0.0)
                if forward and _in_words(pattern, code, source, target):
                    # "Trump attacked Clinton", "the senator hit back at critics"
                    yield self._event(verb, sent, index, actors, (src_tok, source),
                                      (tgt_tok, target), codebook.lookup("111"), conf, negated,
                                      context + ["verbal"], date_info, pattern)
                elif forward:
                    yield self._event(verb, sent, index, actors, (src_tok, source),
                                      (tgt_tok, target), code, conf, negated, context,
                                      date_info, pattern)
                if back is not None and target is not None and not _place_slot(tgt_tok):
                    yield self._event(verb, sent, index, actors, (tgt_tok, target),
                                      (src_tok, source), back, conf - 0.1, negated, context,
                                      date_info, pattern)
        cand.kept = True
        cand.reason = "coded"


def _complement_objects(verb: Token) -> list[Token]:
    """Objects of the verb's subjectless complements: "offered to hand over to Britain",
    "promised to continue aid to Mozambique"."""
    out, comp = [], verb
    for _ in range(3):
        comp = next((c for c in comp.children if c.dep_ == "xcomp" and c.pos_ == "VERB"
                     and not own_subjects(c)), None)
        if comp is None:
            break
        inner = [c for c in comp.children if c.dep_ in ("dobj", "dative")]
        out.extend(inner)
        for o in inner:
            out.extend(_pobjs(o))
        out.extend(_pobjs(comp))
    return out


def _protest_addressees(verb: Token) -> list[Token]:
    """Whom a protest addresses: "to demand reforms by Suharto's government", "in protest
    against the Russian government's refusal", "in defiance of Chinese authorities"."""
    out = []
    for c in verb.children:
        if c.dep_ in ("advcl", "xcomp", "acl") and c.pos_ == "VERB" and not own_subjects(c):
            for o in [x for x in c.children if x.dep_ == "dobj"] + _pobjs(c):
                out.extend(t for t in _phrase_tokens(o) if t.pos_ == "PROPN" or t.i == o.i)
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in c.children:
                if p.dep_ == "pobj" and p.lemma_.lower() in ("protest", "defiance", "opposition"):
                    for o in _pobjs(p, {"against", "of", "at", "over"}):
                        out.extend(t for t in _phrase_tokens(o) if t.pos_ == "PROPN" or t.i == o.i)
    return out


def _location(verb: Token, actors: DocumentActors) -> dict | None:
    """Where the clause says it happened: 'in Geneva', 'near the Ukrainian border'."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "outside", "inside", "across"):
            for t in c.subtree:
                if t.i in actors.place_at:
                    return actors.place_at[t.i].place.to_dict()
    return None


def _in_words(pattern: VerbPattern, code, source: Actor, target: Actor | None) -> bool:
    """A verb with a verbal sense ("attack", "hit") used by someone who bears no arms against
    no one or against their own country's people: criticism, not force."""
    return ("verbal_sense" in pattern.flags and code.root in ("18", "19", "20")
            and bool(source.sector) and source.sector not in ARMED_SECTORS
            and (target is None or target.country in (None, source.country)))


def _distinct_parties(a: Actor | None, b: Actor | None) -> bool:
    """Two actors of different countries, or of one country and different sectors."""
    if a is None or b is None or not (a.code and b.code) or _same(a, b):
        return False
    return a.country != b.country or bool(a.sector and b.sector and a.sector != b.sector)


def _obliged(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in verb.children)


def _requested(verb: Token) -> bool:
    """'asked Obama to help', 'wants Putin to attack': an infinitive whose doer is someone else."""
    if verb.dep_ == "xcomp":
        return any(c.dep_ == "dobj" for c in verb.head.children)
    if verb.dep_ == "ccomp":
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
            bool(own_subjects(verb))
    return False


def _owners(noun: Token) -> list[Token]:
    """Who an attack or weapon belongs to: 'Israeli [shelling]', 'US Predator [attacks]', 'a
    [car bombing] by the Islamic State', 'the [missiles] fired by the Israeli military'."""
    owners = [t for t in noun.subtree if t.i < noun.i and t.dep_ in ("amod", "compound", "poss")
              and t.pos_ in ("ADJ", "PROPN")]
    by = [p for c in noun.children if c.dep_ == "acl" for p in _pobjs(c, {"by"})]
    by += _pobjs(noun, {"by"})
    return list(dict.fromkeys(by + owners))


def _place_slot(tok: Token | None) -> bool:
    """A target taken from where the act happened ("a summit in Switzerland"): a place, which
    does nothing back."""
    while tok is not None and tok.dep_ in ("compound", "amod", "conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE_PREPS


def _phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase under a head, without the clauses hanging on it."""
    def not_a_clause(c):
        return c.dep_ not in ("relcl", "acl", "advcl", "ccomp")

    return pruned_subtree(head, not_a_clause, not_a_clause)


def _owned_by(head: Token, actors: DocumentActors, source: Actor | None) -> bool:
    """'its ambassador', 'their own troops': the source's own agent, not a target."""
    poss = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if poss is None or source is None:
        return False
    owner, actor = actors.resolve(poss), actors.resolve(head)
    return owner is not None and owner.country == source.country and (
        actor is None or actor.country == source.country)


def _same(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return False
    return a.code == b.code and (a.name or a.text) == (b.name or b.text)
