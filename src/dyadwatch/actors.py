"""Actor mentions in one document, and who each noun phrase or pronoun stands for.

`DocumentActors` is built once per parsed document: it finds dictionary mentions (longest
match), then answers `resolve(token)` for the head of any argument the event and quote
coders care about: a name, a role phrase ("a Moscow court", "the Kremlin spokesman"), a
definite description ("his Russian counterpart") or a pronoun (rule-based coreference).
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from .knowledge import (ISO, Entry, KnowledgeBase, alias_key, iso_countries, split_code,
                        word_class)
from .normalize import NormalizedText
from .places import find_places, gazetteer
from .records import Actor
from .syntax import pruned_subtree, subjects

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
GROUP_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
THING_PRONOUNS = {"it", "its", "itself"}
_FEMININE = {"she", "her", "hers", "herself"}
_MASCULINE = {"he", "him", "his", "himself"}
RELATIVE_PRONOUNS = {"who", "whom", "which", "that", "whose"}
# the speaker or the reader: resolved only inside quotes, by the quote stage
FIRST_SECOND_PERSON = {"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours",
                       "myself", "ourselves", "yourself", "yourselves"}
# dependents that leave the noun phrase (clauses hanging on the noun)
_CLAUSAL = {"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct", "parataxis",
            "appos", "mark", "prep"}


MAX_ANTECEDENTS = 60
# plural nouns that, with "two" or "both", stand for the article's two main parties
_PAIR_NOUNS = word_class("pair_noun")
# pair nouns that stand for two organisations rather than two countries
_GROUP_PAIR_NOUNS = word_class("group_pair_noun")
# documents that speak for whoever issued them
_DOCUMENT_NOUNS = word_class("document_noun")
# nouns that pick a part of a group named after "of": the group is the actor
_PART_HEADS = word_class("part_noun")
# civilians, residents, people and police named without a nationality: of the place where
# their clause happens
_LOCAL_SECTORS = {"CVL", "PPL", "COP"}
# sectors whose acts fall on their own country's people (courts, police, prisons)
_DOMESTIC_SECTORS = {"JUD", "COP"}
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr"}
# "a court in Minsk", "ambassador to Russia", "a spokesman for the Elysee"
_ROLE_PREPS = {"to", "of", "in", "for", "from", "at", "throughout", "across"}


@dataclass(slots=True, eq=False)  # compared and hashed by identity
class Mention:
    start: int  # token indices, end exclusive
    end: int
    entry: Entry | None
    text: str
    is_person: bool


def _singulars(tok: Token) -> list[str]:
    """The tagger's lemma, then plain singulars ("armies" -> "army"): sm's lemmas miss some."""
    w = tok.lower_
    out = [tok.lemma_.lower()]
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    elif w.endswith("s"):
        out.append(w[:-1])
    return out


class DocumentActors:
    def __init__(self, doc: Doc, norm: NormalizedText, kb: KnowledgeBase, date: str | None):
        self.doc, self.norm, self.kb, self.date = doc, norm, kb, date
        self.mentions = self._find_mentions()
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
        self._cache: dict[int, Actor | None] = {}
        self._all_antecedents: list | None = None
        self._antecedent_ends: list[int] = []
        self._country_counts = Counter(m.entry.country for m in self.mentions
                                       if m.entry and m.entry.country)
        self.countries = frozenset(self._country_counts)
        self.places = find_places(doc, self._countries_outside)
        self.place_at = {i: p for p in self.places for i in range(p.start, p.end)}

    # ------------------------------------------------------------------ mentions
    def _find_mentions(self) -> list[Mention]:
        doc, kb = self.doc, self.kb
        found: list[Mention] = []
        self._found = found  # what _link_person looks back over
        ents = {e.start: e for e in doc.ents}
        i = 0
        while i < len(doc):
            tok = doc[i]
            match = None
            if tok.text[:1].isupper() and not tok.is_punct:
                for n in range(min(kb.max_alias_words, len(doc) - i), 0, -1):
                    span = doc[i:i + n]
                    if span[-1].is_punct and n > 1:
                        continue
                    text = span.text
                    if len(text) <= 3 and text.replace(".", "").isalpha() and not text.isupper():
                        continue  # "Us", "Who": short names only in capitals
                    entry = kb.lookup(text, self.date)
                    if entry is not None:
                        match = Mention(i, i + n, entry, text, entry.kind == "person")
                        break
            if match is None and tok.ent_iob_ == "B" and tok.ent_type_ == "ORG":
                match = self._org_named_for_place(ents[i])
            if match is None and tok.ent_iob_ == "B" and tok.ent_type_ in ("PERSON", "GPE", "LOC"):
                ent = ents[i]
                if ent.label_ == "PERSON":
                    # "Ayatollah Ali Khamenei", "General Mark Milley": the name after a title
                    entry = next((e for j in range(ent.start + 1, ent.end)
                                  if (e := kb.lookup(doc[j:ent.end].text, self.date))), None)
                    match = Mention(ent.start, ent.end, entry or self._link_person(ent), ent.text, True)
                else:  # a city or region the actor dictionaries lack stands for its country
                    place = gazetteer().lookup(ent.text)
                    if place is not None and place.country:
                        entry = Entry(place.name, place.country, kind="place", priority=ISO)
                        match = Mention(ent.start, ent.end, entry, ent.text, False)
            if match:
                found.append(match)
                i = match.end
            else:
                i += 1
        return found

    def _org_named_for_place(self, ent: Span) -> Mention | None:
        """An organisation the dictionaries lack whose name holds a place ("Santa Marta Self
        Defense Forces", "Mariupol" tagged as an organisation) belongs to that place's country;
        its head word's role, if any, gives the sector. Towns are not trusted here."""
        for n in range(len(ent), 0, -1):
            for j in range(ent.start, ent.end - n + 1):
                span = self.doc[j:j + n]
                if n < len(ent) and any(t.is_stop or t.pos_ != "PROPN" for t in span):
                    continue
                place = gazetteer().lookup(span.text)
                if place is None or not place.country or not place.notable:
                    continue
                role = self.kb.role(ent.root.lower_) or self.kb.role(ent.root.lemma_.lower())
                sector = role.sector if role and n < len(ent) else ""
                kind = "org" if n < len(ent) else "place"
                entry = Entry(ent.text if n < len(ent) else place.name, place.country + sector,
                              kind=kind, priority=ISO)
                return Mention(ent.start, ent.end, entry, ent.text, False)
        return None

    def _link_person(self, ent: Span) -> Entry | None:
        """A name the dictionaries lack: link a surname to a full name seen earlier."""
        key = alias_key(ent.text)
        for m in reversed(self._found[-200:]):
            if m.is_person and m.entry and alias_key(m.text).endswith(" " + key):
                return m.entry
        return None

    def _countries_outside(self, start: int, end: int) -> frozenset[str]:
        inside = Counter(m.entry.country for m in {self.by_token[i] for i in range(start, end)
                                                   if i in self.by_token}
                         if m.entry and m.entry.country)
        return frozenset(c for c, n in self._country_counts.items() if n > inside[c])

    # ------------------------------------------------------------------ resolution
    def resolve(self, tok: Token) -> Actor | None:
        if tok.i not in self._cache:
            self._cache[tok.i] = self._resolve(tok)
        return self._cache[tok.i]

    def _actor(self, toks: list[Token], name, code, how) -> Actor:
        s, e = self.norm.to_original(toks[0].idx, toks[-1].idx + len(toks[-1].text))
        country, sector = split_code(code)
        return Actor(self.norm.original[s:e], name, code, country, sector, s, e, how)

    def _np_tokens(self, head: Token) -> list[Token]:
        """The head and its left-side modifiers: the words that name the actor."""
        def modifier(c):
            return c.dep_ not in _CLAUSAL or (c.dep_ == "prep" and c.i > head.i and
                                              c.lower_ in _ROLE_PREPS and any(
                self.kb.role(w) for w in [head.lower_] + _singulars(head)))

        return pruned_subtree(head, modifier)

    def _resolve(self, tok: Token) -> Actor | None:
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self.resolve(tok.head.head)
        if tok.pos_ == "PRON" or tok.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._resolve_pronoun(tok)
        part_of = self._part_of(tok)
        if part_of is not None:  # "dozens of protesters", "members of SANDF"
            return self.resolve(part_of)
        issuer = self._issuer(tok)
        if issuer is not None:  # "a report released in the Rwandan capital"
            return issuer
        m = self.by_token.get(tok.i)
        if m and m.entry:
            toks = [self.doc[i] for i in range(m.start, m.end)]
            owner = self._owner_country(m) if m.entry.sector and m.entry.kind != "person" else None
            if owner and owner != m.entry.country:  # "Chile's Defense Department"
                return self._actor(toks, m.entry.name, owner + m.entry.sector,
                                   f"dictionary: {m.text!r}, of {owner}")
            source = "place name" if m.entry.kind in ("place", "org") and m.entry.priority == ISO \
                else "dictionary"
            return self._actor(toks, m.entry.name, m.entry.code, f"{source}: {m.text!r}")
        if m and m.is_person:  # "Mohammad Radmanish, an Afghan defence spokesperson"
            appos = next((c for c in tok.children if c.dep_ == "appos"), None)
            actor = self.resolve(appos) if appos is not None else None
            if actor is not None and actor.code and actor.sector:
                toks = [self.doc[i] for i in range(m.start, m.end)]
                return self._actor(toks, m.text, actor.code, f"title in apposition: {actor.text!r}")
        np = self._np_tokens(tok)
        mentions = []
        for t in np:
            mm = self.by_token.get(t.i)
            if mm and mm not in mentions:
                mentions.append(mm)
        persons = [mm for mm in mentions if mm.entry and mm.entry.kind == "person"]
        if persons:
            mm = min(persons, key=lambda x: abs(x.start - tok.i))
            return self._actor(np, mm.entry.name, mm.entry.code, f"person in phrase: {mm.text!r}")
        role, role_toks = self._role(tok)
        places = [mm for mm in mentions if mm.entry and mm.entry.country]
        if tok.lower_ == "counterpart" or (role and role.term == "counterpart"):
            return self._counterpart(tok, np, places)
        if role:
            country = None
            left = [mm for mm in places if mm.start < tok.i]
            poss = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            owner = self.resolve(poss) if poss is not None else None
            if owner is not None and owner.country:  # "its ambassador": the owner's
                country = owner.country
            elif left:
                country = left[-1].entry.country
            elif places:
                country = places[0].entry.country
            igo = [mm for mm in mentions if mm.entry and mm.entry.code.startswith("IGO")]
            if country is None and not places:  # "Rakhine rebels": a place the tagger missed
                country = self._place_among(np, tok)
            if country is None and not role.office:
                country = self._domestic_agent_country(tok)
            if country is None and role.sector in _LOCAL_SECTORS:
                country = self._clause_place_country(tok)
            if country is None and igo:
                return self._actor(np, igo[0].entry.name, igo[0].entry.code,
                                   f"role {role.term!r} of {igo[0].text!r}")
            if country is None and role.office:
                return self._office_named_before(tok, np, role)
            if country is None:  # "the Islamic State group": the group the phrase names
                named = [mm for mm in mentions if mm.entry]
                return self._actor(np, named[-1].entry.name, named[-1].entry.code,
                                   f"phrase names {named[-1].text!r}") if named else None
            if role.office and not (m and m.is_person):
                holder = self.kb.office_holder(country, role.term, self.date)
                if holder:
                    return self._actor(np, holder.name, holder.code,
                                       f"{role.term} of {country} on {self.date}")
            sector = role.sector
            name = m.text if m and m.is_person else " ".join(t.text for t in np if t.dep_ != "det")
            return self._actor(np, name, country + sector, f"role {role.term!r} + {country}")
        named = [mm for mm in mentions if mm.entry]
        if named:
            mm = named[-1]
            return self._actor(np, mm.entry.name, mm.entry.code, f"phrase names {mm.text!r}")
        return None

    def _part_of(self, tok: Token) -> Token | None:
        """The group a quantity or membership noun picks from: 'dozens of [protesters]'."""
        if tok.lemma_.lower() not in _PART_HEADS or tok.i in self.by_token:
            return None
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((c for c in prep.children if c.dep_ == "pobj"), None)
        return None

    def _issuer(self, tok: Token) -> Actor | None:
        """Who speaks through a document: the one it was issued by or in ("a report released
        Tuesday in the Rwandan capital", "a statement issued by the Kremlin")."""
        if tok.lemma_.lower() not in _DOCUMENT_NOUNS:
            return None
        for clause in tok.children:
            if clause.dep_ != "acl":
                continue
            for prep in clause.children:
                if prep.dep_ in ("prep", "agent") and prep.lower_ in ("in", "by", "from"):
                    for p in prep.children:
                        actor = self.resolve(p) if p.dep_ == "pobj" else None
                        if actor is not None and actor.code:
                            return replace(actor, how=f"{tok.text!r} {clause.text} "
                                                      f"{prep.text} {actor.text!r}")
        return None

    @staticmethod
    def _group_head(tok: Token) -> Token:
        """'[Hundreds] of thousands of people': the quantity word that holds the clause role."""
        while tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
                tok.head.head.lemma_.lower() in _PART_HEADS:
            tok = tok.head.head
        return tok

    def _domestic_agent_country(self, tok: Token) -> str | None:
        """'A Russian court jailed the activist', 'the activist was jailed by Belarusian
        police': courts and police act within their own country, so the people they act on
        are taken to be of that country."""
        tok = self._group_head(tok)  # "arrested dozens of protesters"
        if tok.dep_ not in ("dobj", "nsubjpass"):
            return None
        verb = tok.head
        agents = [c for c in verb.children if c.dep_ == "nsubj"]
        agents += [g for c in verb.children if c.dep_ == "agent" for g in c.children
                   if g.dep_ == "pobj"]
        for agent in agents:
            if agent.i == tok.i:
                continue
            actor = self.resolve(agent)
            if actor is not None and actor.country and actor.sector in _DOMESTIC_SECTORS:
                return actor.country
        return None

    def _clause_place_country(self, tok: Token) -> str | None:
        """'Four children were killed in shelling in the Gaza Strip', 'protesters in Tbilisi
        clashed with police': people, civilians and police named without a nationality are
        taken to be of the place their clause happens in."""
        tok = self._group_head(tok)
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ == "prep" else tok.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("nsubj", "nsubjpass", "dobj",
                                                                "pobj"):
            return None  # "clashed with police", "fired at civilians": a pobj of the verb
        # "blocked streets in Hong Kong", "during a bombardment of an enclave near Damascus"
        def in_clause(c):  # and participles of manner: "killed in shelling in Gaza"
            return c.dep_ not in _CLAUSAL or c.dep_ == "prep" or (
                c.dep_ == "advcl" and c.tag_ == "VBG")

        for t in pruned_subtree(verb, in_clause, in_clause):
            if t.lower_ in ("in", "near", "at", "inside", "across", "outside") and t.dep_ == "prep":
                for p in t.subtree:
                    if p.i in self.place_at and self.place_at[p.i].place.country:
                        return self.place_at[p.i].place.country
        return None

    def _place_among(self, np: list[Token], head: Token) -> str | None:
        """The country of a region or city named by a run of capitalised modifiers."""
        run: list[Token] = []
        for t in np + [head]:
            if t.i != head.i and t.text[:1].isupper() and t.i not in self.by_token:
                run.append(t)
                continue
            if run:
                place = gazetteer().lookup(self.doc[run[0].i:run[-1].i + 1].text, self.countries)
                if place is not None and place.country and place.notable:
                    return place.country
            run = []
        return None

    def the_two(self, tok: Token) -> list[Actor]:
        """'the two sides', 'both countries', 'the two leaders': the two countries the article
        has named most often up to here."""
        words = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "nummod")}
        if tok.lemma_.lower() not in _PAIR_NOUNS or not ({"the", "two"} <= words or "both" in words):
            return []  # "the two sides", "both countries"; not "two organizations linked to X"
        if tok.lemma_.lower() in _GROUP_PAIR_NOUNS:  # "both groups": two named organisations
            orgs = Counter((m.entry.name, m.entry.code) for m in self.mentions
                           if m.end <= tok.i and m.entry and m.entry.kind == "org")
            two = [k for k, _ in orgs.most_common(2)]
            return [self._actor([tok], name, code, f"one of {tok.text!r}: {name}")
                    for name, code in two] if len(two) == 2 else []
        counts = Counter(m.entry.country for m in self.mentions  # actors, not mere places
                         if m.end <= tok.i and m.entry and m.entry.country and m.entry.kind != "place")
        top = [c for c, _ in counts.most_common(2)]
        if len(top) < 2:
            return []
        names = iso_countries()
        role = self.kb.role(tok.lemma_.lower())  # "the two leaders": their governments
        sector = role.sector if role and role.human else ""
        return [self._actor([tok], names.get(c, c), c + sector, f"one of {tok.text!r}: {c}")
                for c in top]

    def resolve_all(self, tok: Token) -> list[Actor]:
        """One actor per coordinated nationality: 'US and British activists' -> USAOPP, GBROPP;
        both parties of 'the two sides'."""
        pair = self.the_two(tok)
        if pair:
            return pair
        actor = self.resolve(tok)
        if actor is None or not actor.sector:
            return [actor] if actor is not None else []
        countries = []
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i]
        mods += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj"]  # "the armies of Brazil and Argentina"
        for mod in mods:
            countries += [c for t in mod.subtree if (t.i == mod.i or t.dep_ == "conj")
                          and (c := self._country_of(t))]
        countries = list(dict.fromkeys(countries))
        if len(countries) < 2:
            return [actor]
        return [actor if c == actor.country else Actor(
            actor.text, actor.name, c + actor.sector, c, actor.sector, actor.start, actor.end,
            f"coordinated nationality of {actor.text!r}") for c in countries]

    def _owner_country(self, m: Mention) -> str | None:
        """A country named as possessor or modifier of an institution's name."""
        head = self.doc[m.start:m.end].root
        for c in head.children:
            if c.dep_ in ("poss", "amod", "compound") and not (m.start <= c.i < m.end):
                country = self._country_of(c)
                if country:
                    return country
        return None

    def _country_of(self, tok: Token) -> str | None:
        m = self.by_token.get(tok.i)
        return m.entry.country if m and m.entry else None

    def _office_named_before(self, tok: Token, np: list[Token], role) -> Actor | None:
        """'Rishi Sunak met Joe Biden. The prime minister said...': the person named before
        who held that office on the article's date."""
        for cand in reversed(self._antecedents(tok.i)):
            if isinstance(cand, Mention) and cand.entry and cand.entry.role and \
                    self.kb.office_key(cand.entry.role) == self.kb.office_key(role.term) \
                    and cand.entry.covers(self.date):
                return self._actor(np, cand.entry.name, cand.entry.code,
                                   f"the {role.term} named before: {cand.text!r}")
        return None

    def _role(self, tok: Token):
        """The role a head noun names, trying multiword roles first ("foreign minister")."""
        mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
        for k in range(len(mods), -1, -1):
            words = [t.lower_ for t in mods[len(mods) - k:]] + [tok.lower_]
            role = self.kb.role(" ".join(words)) or next(
                (r for base in _singulars(tok) if (r := self.kb.role(" ".join(words[:-1] + [base])))),
                None)
            if role:
                return role, mods[len(mods) - k:] + [tok]
        # "Kremlin critic Alexey Navalny": the title sits on a compound of the name
        for c in tok.children:
            if c.dep_ == "compound" and c.i < tok.i:
                role = self.kb.role(c.lower_)
                if role:
                    return role, [c]
        return None, []

    def _counterpart(self, tok: Token, np: list[Token], places: list[Mention]) -> Actor | None:
        """'his Russian counterpart': the office of the possessor, in the named country."""
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        owner = self.resolve(poss) if poss is not None else None
        country = places[0].entry.country if places else None
        if owner is None or country is None:
            return None
        role = None
        entries = self.kb.aliases.get(alias_key(owner.name or ""), [])
        for e in entries:
            if e.role and e.covers(self.date):
                role = e.role
                break
        if role:
            holder = self.kb.office_holder(country, role, self.date)
            if holder:
                return self._actor(np, holder.name, holder.code, f"counterpart of {owner.name}")
        return self._actor(np, None, country + (owner.sector or ""), f"counterpart of {owner.name}")

    def _resolve_pronoun(self, tok: Token) -> Actor | None:
        """The most recent compatible antecedent: a named actor, or a role phrase that is a
        subject or object ("The Pentagon spokesman replied ... he added")."""
        word = tok.lower_
        if word in FIRST_SECOND_PERSON or word in RELATIVE_PRONOUNS:
            return None
        want_person = word in PERSON_PRONOUNS
        want_gender = "f" if word in _FEMININE else "m" if word in _MASCULINE else None
        if want_person and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ccomp":
            # "Biden said that he ...": the speaker of the matrix clause
            for subj in subjects(tok.head.head):
                if subj.i < tok.i and subj.lower_ not in PERSON_PRONOUNS:
                    actor = self.resolve(subj)
                    if actor is not None and self._is_person(subj) and \
                            self._agrees(actor.name or actor.text, want_gender):
                        return self._actor([tok], actor.name, actor.code,
                                           f"pronoun {tok.text!r} -> subject {subj.text!r}")
        candidates = self._antecedents(tok.i)
        if tok.dep_ in ("nsubj", "nsubjpass"):  # salience: a subject picks up a subject
            subjects_first = [c for c in candidates if self._is_subject(c)]
            candidates = [c for c in candidates if not self._is_subject(c)] + subjects_first[-3:]
        for cand in reversed(candidates):
            if isinstance(cand, Mention):
                if cand.entry is None:
                    continue
                is_person = cand.is_person
                actor_toks, name, code = [tok], cand.entry.name, cand.entry.code
                label = cand.text
                if is_person and not self._agrees(cand.entry.name or cand.text, want_gender):
                    continue
            else:
                role = self.kb.role(cand.lower_) or self.kb.role(cand.lemma_.lower())
                is_person = bool(role and role.human)
                if want_person != is_person:
                    continue
                actor = self.resolve(cand)
                if actor is None:
                    continue
                actor_toks, name, code, label = [tok], actor.name, actor.code, actor.text
            if want_person != is_person:
                continue
            return self._actor(actor_toks, name, code, f"pronoun {tok.text!r} -> {label!r}")
        return None

    def _agrees(self, person_name: str, want: str | None) -> bool:
        """'She' is not Putin: a first name most people of one gender carry decides."""
        if want is None:
            return True
        got = self.kb.gender(person_name)
        return got is None or got == want

    def _is_subject(self, cand) -> bool:
        if isinstance(cand, Mention):
            return any(self.doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(cand.start, cand.end))
        return cand.dep_ in ("nsubj", "nsubjpass")

    def _is_person(self, tok: Token) -> bool:
        m = self.by_token.get(tok.i)
        if m is not None:
            return m.is_person
        role = self.kb.role(tok.lower_) or self.kb.role(tok.lemma_.lower())
        return bool(role and role.human)

    def _antecedents(self, before: int) -> list:
        """Dictionary mentions and role-noun arguments before a token, in text order (the
        last MAX_ANTECEDENTS of them: salience fades, and long documents stay linear)."""
        if self._all_antecedents is None:
            out: list = list(self.mentions)
            for t in self.doc:
                if t.pos_ == "NOUN" and t.dep_ in _ARGUMENT_DEPS and t.i not in self.by_token and \
                        (self.kb.role(t.lower_) or self.kb.role(t.lemma_.lower())):
                    out.append(t)
            out.sort(key=lambda c: c.start if isinstance(c, Mention) else c.i)
            self._all_antecedents = out
            self._antecedent_ends = [c.end if isinstance(c, Mention) else c.i + 1 for c in out]
        n = bisect_right(self._antecedent_ends, before)
        return self._all_antecedents[max(0, n - MAX_ANTECEDENTS):n]
