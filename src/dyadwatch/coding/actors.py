"""Who a noun phrase or pronoun in one document stands for.

`ActorResolver` answers `resolve(token)` for the head of any argument the event and quote
stages care about: a name found by the mention stage, a role phrase ("a Moscow court", "the
Kremlin spokesman"), a definite description ("his Russian counterpart") or a pronoun (rule-based
coreference, `coding.coref`). It reads the document context and caches one answer per token.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from dyadwatch.coding.context import DocContext
from dyadwatch.coding.coref import Coreference
from dyadwatch.coding.home import HomeActors
from dyadwatch.coding.mentions import Mention
from dyadwatch.coding.role_words import role_of
from dyadwatch.coding.syntax import CLAUSAL_DEPS, pruned_subtree
from dyadwatch.kb.actors import ISO
from dyadwatch.kb.countries import iso_countries, split_code
from dyadwatch.kb.names import alias_key
from dyadwatch.records import Actor


class ActorResolver:
    def __init__(self, ctx: DocContext) -> None:
        self.ctx, self.doc, self.date = ctx, ctx.doc, ctx.date
        self.kb = ctx.knowledge.actors
        self.words = ctx.knowledge.words
        self.rules = ctx.knowledge.cameo_rules
        self.children, self.subtree = ctx.children, ctx.subtree  # the parse, read once
        self.coref = Coreference(self)
        self.home = HomeActors(self)  # whom acts at home are on
        self._cache: dict[int, Actor | None] = {}
        self.countries = frozenset(m.entry.country for m in ctx.mentions
                                   if m.entry and m.entry.country)

    def resolve(self, tok: Token) -> Actor | None:
        if tok.i not in self._cache:
            self._cache[tok.i] = None  # asked again while being worked out (a pronoun in
            self._cache[tok.i] = self._resolve(tok)  # apposition to its antecedent): no one
        return self._cache[tok.i]

    def _actor(self, toks: list[Token], name, code, how) -> Actor:
        s, e = self.ctx.token_offsets(toks)
        country, sector = split_code(code)
        dateline = self.ctx.dateline_place
        if country is None and dateline is not None and code and code.startswith("IMG"):
            # "Abu Sayyaf gunmen" in a report datelined in the Philippines: an armed group
            # that crosses borders is coded to the country it fights in
            country, how = dateline.country, f"{how}, fighting in {dateline.country}"
        return Actor(self.ctx.norm.original[s:e], name, code, country, sector, s, e, how)

    def _np_tokens(self, head: Token) -> list[Token]:
        """The head and its left-side modifiers: the words that name the actor."""
        is_role = None  # whether the head is a role word: asked once, of a preposition after it

        def modifier(c):
            nonlocal is_role
            dep = c.dep_
            if dep not in CLAUSAL_DEPS:
                return True
            if dep != "prep" or c.i < head.i or c.lower_ not in self.words["role_prep"]:
                return False
            if is_role is None:
                is_role = head in role_of(self.ctx, head)[1]  # "charge d'affaires of X"
            return is_role

        return pruned_subtree(self.ctx, head, modifier)

    def _resolve(self, tok: Token) -> Actor | None:
        """The first rule that applies: pronouns, a group picked from ("dozens of X"), a
        document's issuer, a dictionary name, a person titled in apposition, then the noun
        phrase (a person in it, a role, "counterpart", or a name it holds)."""
        if tok.lower_ in self.words["relative_pronoun"] and tok.head.dep_ == "relcl":
            return self.resolve(tok.head.head)
        if tok.pos_ == "PRON" or tok.lower_ in self.words["person_pronoun"] | self.words["group_pronoun"]:
            return self.coref.resolve_pronoun(tok)
        part_of = self._part_of(tok)
        if part_of is not None:  # "dozens of protesters", "members of SANDF"
            return self.resolve(part_of)
        issuer = self._issuer(tok)
        if issuer is not None:  # "a report released in the Rwandan capital"
            return issuer
        m = self.ctx.mention_at.get(tok.i)
        if m and m.entry:
            return self._dictionary_actor(m)
        if m and m.is_person:  # "Mohammad Radmanish, an Afghan defence spokesperson"
            return self._unlisted_person(tok, m)
        return self._phrase_actor(tok, m)

    def reports_only(self, tok: Token) -> bool:
        """Whether a word names a news agency, which reports and never acts ("(AFP) -",
        "told Reuters"): no event's source or target, though it may be a quote's speaker."""
        m = self.ctx.mention_at.get(tok.i)
        agencies = self.words["news_agency"]  # "REUTERS" in a credit no dictionary names
        return alias_key(m.text) in agencies if m is not None else tok.lower_ in agencies

    def _unlisted_person(self, tok: Token, m: Mention) -> Actor:
        """A person the dictionaries lack is still that person, by the fullest name the
        article gives; a title in apposition or a role in the phrase gives the code."""
        actor = self._titled_person(tok, m) or self._phrase_actor(tok, m)
        if actor is not None and actor.code:
            return replace(actor, name=m.person_name)
        toks = self.ctx.tokens[m.start:m.end]
        first = next((b for b in self.ctx.mentions if b.is_person and b.entry is None and
                      b.person_name == m.person_name), m)
        if first.start < m.start:  # "opposition leader Kem Sokha ... Sokha said": as first named
            head = self.ctx.tokens[first.end - 1]
            titled = self._titled_person(head, first) or self._phrase_actor(head, first)
            if titled is not None and titled.code:
                return self._actor(toks, m.person_name, titled.code,
                                   f"{m.person_name!r} as first named: {titled.how}")
        return self._actor(toks, m.person_name, None, "person not in the dictionaries")

    def _dictionary_actor(self, m: Mention) -> Actor:
        toks = self.ctx.tokens[m.start:m.end]
        owner = self._owner_country(m) if m.entry.sector and m.entry.kind != "person" else None
        if owner and owner != m.entry.country:  # "Chile's Defense Department"
            return self._actor(toks, m.entry.name, owner + m.entry.sector,
                               f"dictionary: {m.text!r}, of {owner}")
        if not owner and self._generic_at_home(m):
            return self._named_in_phrase(toks, m, "dictionary")
        source = "place name" if m.entry.kind in ("place", "org") and m.entry.priority == ISO \
            else "dictionary"
        return self._actor(toks, m.entry.name, m.entry.code, f"{source}: {m.text!r}")

    def _generic_at_home(self, m: Mention) -> bool:
        home = self.ctx.article_country
        return bool(home and home != m.entry.country and m.entry.sector and
                    alias_key(m.text) in self.words["generic_institution"])

    def _named_in_phrase(self, toks: list[Token], m: Mention, how: str = "phrase names") -> Actor:
        """The actor a dictionary name stands for; "Congress", "the Democratic Party" in an
        article from Brazil or Korea are that country's."""
        if self._generic_at_home(m):
            home = self.ctx.article_country
            return self._actor(toks, m.entry.name, home + m.entry.sector,
                               f"{how}: {m.text!r}, of the article's country {home}")
        return self._actor(toks, m.entry.name, m.entry.code, f"{how} {m.text!r}")

    def _titled_person(self, tok: Token, m: Mention) -> Actor | None:
        """A person the dictionaries lack, with a title in apposition that has a code (after
        the name, or before it: "Tanzania's opposition leader, Tundu Lissu,")."""
        appos = next((c for c in self.children(tok) if c.dep_ == "appos"), None)
        if appos is None and tok.dep_ == "appos" and tok.head.pos_ == "NOUN":
            appos = tok.head
        actor = self.resolve(appos) if appos is not None else None
        if actor is not None and actor.code and actor.sector:
            toks = self.ctx.tokens[m.start:m.end]
            return self._actor(toks, m.text, actor.code, f"title in apposition: {actor.text!r}")
        return None

    def _phrase_actor(self, tok: Token, m: Mention | None) -> Actor | None:
        named = self._named_in_apposition(tok) if m is None else None
        if named is not None:  # "his southern counterpart Salva Kiir"
            return named
        np = self._np_tokens(tok)
        mentions = list(dict.fromkeys(mm for t in np if (mm := self.ctx.mention_at.get(t.i))
                                      and not self.reports_only(t)))
        persons = [mm for mm in mentions if mm.entry and mm.entry.kind == "person"]
        if persons and not (m and m.is_person):  # not "Putin critic Ilya Yashin"
            mm = min(persons, key=lambda x: abs(x.start - tok.i))
            return self._actor(np, mm.entry.name, mm.entry.code, f"person in phrase: {mm.text!r}")
        role, _ = role_of(self.ctx, tok)
        places = [mm for mm in mentions if mm.entry and mm.entry.country and
                  not self._generic_at_home(mm)]
        if tok.lower_ == "counterpart" or (role and role.term == "counterpart"):
            return self.coref.counterpart(tok, np, places)
        if tok.lemma_.lower() in self.words["neighbour_noun"] and not places:
            return self.coref.neighbour(tok, np)
        if role:
            return self._role_actor(tok, m, np, mentions, places, role)
        named = [mm for mm in mentions if mm.entry]
        if named:
            return self._named_in_phrase(np, named[-1])
        if tok.lemma_.lower() in self.words["country_noun"] and tok.tag_ == "NN" and \
                all(t.dep_ in ("det", "poss") or t.i == tok.i for t in np):
            # "the country is cutting diplomatic relations": the one country just named
            country = self.coref.country_named_before(tok)
            if country is not None:
                return self._actor(np, iso_countries().get(country, country), country,
                                   f"{tok.text!r}: the country named before")
        return None

    def _named_in_apposition(self, tok: Token) -> Actor | None:
        """A description followed by the name it describes: the named actor."""
        appos = next((c for c in self.children(tok) if c.dep_ == "appos" and c.i > tok.i), None)
        am = self.ctx.mention_at.get(appos.i) if appos is not None else None
        if am is None or am.entry is None or self.reports_only(appos):
            return None
        actor = self.resolve(appos)
        return replace(actor, how=f"name in apposition: {actor.how}") if actor else None

    def _role_actor(self, tok: Token, m: Mention | None, np: list[Token],
                    mentions: list[Mention], places: list[Mention], role) -> Actor | None:
        """A role word and the country it is of: "the Russian president", "a Moscow court"."""
        country = self._role_country(tok, np, places, role)
        if country is None:
            igo = [mm for mm in mentions if mm.entry and mm.entry.code.startswith("IGO")]
            if igo:
                return self._actor(np, igo[0].entry.name, igo[0].entry.code,
                                   f"role {role.term!r} of {igo[0].text!r}")
            holder = self.coref.office_named_before(tok, np, role) if role.office else None
            if holder is not None:
                return holder
            # "the Islamic State group": the group the phrase names
            named = [mm for mm in mentions if mm.entry]
            if named and not role.office:
                return self._named_in_phrase(np, named[-1])
            across = any(p.lower_ in ("across", "around") and any(
                o.lemma_.lower() in self.words["region_noun"] for o in self.children(p))
                for p in self.children(tok))  # "leaders across the hemisphere"
            if across or any(t.lower_ in self.words["supranational_word"] and t.dep_ != "poss"
                             for t in np if t.i < tok.i):
                return None  # "the international community", "world leaders": no one country's
            if role.office:  # "Albanian Prime Minister ... The prime minister accused Iran"
                country = self.coref.office_country_before(tok, role.term)
            if country is None and role.sector in self.rules.codes("article_country_sectors"):
                country = self.ctx.article_country  # "gunmen", "police": where the article reports from
            elif country is None and role.sector in self.rules.codes("named_before_sectors") and \
                    not any(t.ent_type_ in ("NORP", "GPE") for t in np):
                # "the authorities", "the minister"; a body named where no country is, the
                # article's ("... The government has promised limited reform"), not an office
                # ("the premier has visited the UAE")
                country = self.coref.country_named_before(
                    tok, None if role.office else self.ctx.article_country)
            if country is None:
                return None
        if role.office and not (m and m.is_person):
            holder = self.kb.office_holder(country, role.term, self.date)
            if holder:
                return self._actor(np, holder.name, holder.code,
                                   f"{role.term} of {country} on {self.date}")
        name = m.text if m and m.is_person else " ".join(t.text for t in np if t.dep_ != "det")
        return self._actor(np, name, country + role.sector, f"role {role.term!r} + {country}")

    def _role_country(self, tok: Token, np: list[Token], places: list[Mention], role) -> str | None:
        """Whose the role is: a possessor ("its ambassador"), a place named before the role
        word or in its phrase, a place the tagger missed, the country of the court or police
        acting on it, or the place its clause happens in (civilians, police)."""
        poss = next((c for c in self.children(tok) if c.dep_ == "poss"), None)
        if poss is not None and poss.pos_ == "PRON":
            owner = self.resolve(poss)
            if owner is not None and owner.country:
                return owner.country
        elif poss is not None and tok.lemma_.lower() not in self.words["envoy_noun"] and \
                (country := self.coref.the_country(poss)):
            return country  # "blamed the country's military leaders" (not its ambassador)
        left = [mm for mm in places if mm.start < tok.i]
        if left:
            return left[-1].entry.country
        if places:
            return places[0].entry.country
        country = self._place_among(np, tok)  # "Rakhine rebels": a place the tagger missed
        country = country or self.coref.same_role_before(tok, role)  # "the soldiers"
        if country is None and not role.office:
            country = self._domestic_agent_country(tok)
        if country is None and role.sector in self.rules.codes("local_sectors"):
            country = self._clause_place_country(tok)
        return country

    def _part_of(self, tok: Token) -> Token | None:
        """The group a quantity or membership noun picks from: 'dozens of [protesters]'."""
        if tok.lemma_.lower() not in self.words["part_noun"] or tok.i in self.ctx.mention_at:
            return None
        for prep in self.children(tok):
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((c for c in self.children(prep) if c.dep_ == "pobj"), None)
        return None

    def _issuer(self, tok: Token) -> Actor | None:
        """Who speaks through a document: the one it was issued by or in ("a report released
        Tuesday in the Rwandan capital", "a statement issued by the Kremlin")."""
        if tok.lemma_.lower() not in self.words["document_noun"]:
            return None
        for clause in self.children(tok):
            if clause.dep_ != "acl":
                continue
            for prep in self.children(clause):
                if prep.dep_ in ("prep", "agent") and prep.lower_ in self.words["issuer_prep"]:
                    for p in self.children(prep):
                        actor = self.resolve(p) if p.dep_ == "pobj" else None
                        if actor is not None and actor.code:
                            return replace(actor, how=f"{tok.text!r} {clause.text} "
                                                      f"{prep.text} {actor.text!r}")
        return None

    def _group_head(self, tok: Token) -> Token:
        """'[Hundreds] of thousands of people': the quantity word that holds the clause role."""
        while tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
                tok.head.head.lemma_.lower() in self.words["part_noun"]:
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
        agents = [c for c in self.children(verb) if c.dep_ == "nsubj"]
        agents += [g for c in self.children(verb) if c.dep_ == "agent" for g in self.children(c)
                   if g.dep_ == "pobj"]
        for agent in agents:
            if agent.i == tok.i:
                continue
            actor = self.resolve(agent)
            if actor is not None and actor.country and actor.sector in self.rules.codes("domestic_sectors"):
                return actor.country
        return None

    def _clause_place_country(self, tok: Token) -> str | None:
        """'Four children were killed in shelling in the Gaza Strip', 'protesters in Tbilisi
        clashed with police': people, civilians and police named without a nationality are
        taken to be of the place their clause happens in."""
        tok = self._group_head(tok)
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent") \
            else tok.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("nsubj", "nsubjpass", "dobj",
                                                                "pobj"):
            return None  # "clashed with police", "fired at civilians": a pobj of the verb
        # "blocked streets in Hong Kong", "during a bombardment of an enclave near Damascus"
        marks = self.words["date_clause_mark"]

        def in_clause(c):  # and participles of manner: "killed in shelling in Gaza", and
            # clauses of the same moment: "were detained as they filmed in Diyarbakir"
            return c.dep_ not in CLAUSAL_DEPS or c.dep_ == "prep" or (c.dep_ == "advcl" and (
                c.tag_ == "VBG" or any(m.dep_ == "mark" and m.lower_ in marks
                                       for m in self.children(c))))

        for t in pruned_subtree(self.ctx, verb, in_clause, in_clause):
            if t.lower_ in self.words["clause_place_prep"] and t.dep_ == "prep":
                # not a place that names who did it: "in air strikes by the Pakistan military
                # in the border regions of Afghanistan"
                doers = {d.i for b in self.subtree(t) if b.dep_ in ("prep", "agent")
                         and b.lower_ == "by" for d in self.subtree(b)}
                for p in self.subtree(t):
                    if p.i in self.ctx.place_at and self.ctx.place_at[p.i].place.country and \
                            p.i not in doers:
                        return self.ctx.place_at[p.i].place.country
        return None

    def _place_among(self, np: list[Token], head: Token) -> str | None:
        """The country of a region or city named by a run of capitalised modifiers."""
        run: list[Token] = []
        for t in np + [head]:
            if t.i != head.i and t.text[:1].isupper() and t.i not in self.ctx.mention_at and \
                    t.pos_ != "DET":  # "The prime minister": no place called "The"
                run.append(t)
                continue
            if run:
                place = self.ctx.knowledge.gazetteer.lookup(self.doc[run[0].i:run[-1].i + 1].text, self.countries)
                if place is not None and place.country and place.notable:
                    return place.country
            run = []
        return None

    def resolve_all(self, tok: Token) -> list[Actor]:
        """One actor per coordinated nationality: 'US and British activists' -> USAOPP, GBROPP;
        both parties of 'the two sides'."""
        pair = self.coref.the_two(tok) or self.coref.coordinated_speakers(tok)
        if pair:
            return pair
        actor = self.resolve(tok)
        if actor is None or not actor.sector:
            return [actor] if actor is not None else []
        countries = []
        children = self.children(tok)
        mods = [c for c in children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i]
        mods += [p for c in children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in self.children(c) if p.dep_ == "pobj"]  # "the armies of Brazil and Argentina"
        for mod in mods:
            countries += [c for t in self.subtree(mod) if (t.i == mod.i or t.dep_ == "conj")
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
        for c in self.children(head):
            if c.dep_ in ("poss", "amod", "compound") and not (m.start <= c.i < m.end):
                country = self._country_of(c)
                if country:
                    return country
        return None

    def _country_of(self, tok: Token) -> str | None:
        m = self.ctx.mention_at.get(tok.i)
        return m.entry.country if m and m.entry else None
