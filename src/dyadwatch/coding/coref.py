"""Rule-based coreference: pronouns, "the prime minister" after a named prime minister, "his
Russian counterpart", "the two sides" and "its neighbour", resolved over the mentions and role
nouns before them."""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyadwatch.coding.mentions import Mention
from dyadwatch.coding.syntax import (ARGUMENT_DEPS, acts_on_each_other, definite,
                                     expand_conjuncts, subjects)
from dyadwatch.kb.countries import iso_countries
from dyadwatch.kb.names import alias_key
from dyadwatch.records import Actor

if TYPE_CHECKING:
    from dyadwatch.coding.actors import ActorResolver

# antecedents a pronoun looks back over: salience fades, and long documents stay linear
MAX_ANTECEDENTS = 60
OFFICE_WINDOW = 400  # tokens back to look for the same office named with its country


class Coreference:
    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver
        self.ctx, self.doc, self.date = resolver.ctx, resolver.doc, resolver.date
        self.kb, self.words = resolver.kb, resolver.words
        self._all_antecedents: list | None = None
        self._antecedent_ends: list[int] = []

    def resolve(self, tok: Token) -> Actor | None:
        return self.resolver.resolve(tok)

    def _actor(self, toks: list[Token], name, code, how) -> Actor:
        return self.resolver._actor(toks, name, code, how)

    def office_named_before(self, tok: Token, np: list[Token], role) -> Actor | None:
        """'Rishi Sunak met Joe Biden. The prime minister said...': the person named before
        who held that office on the article's date."""
        for cand in reversed(self._antecedents(tok.i)):
            if isinstance(cand, Mention) and cand.entry and cand.entry.role and \
                    self.kb.office_key(cand.entry.role) == self.kb.office_key(role.term) \
                    and cand.entry.covers(self.date):
                return self._actor(np, cand.entry.name, cand.entry.code,
                                   f"the {role.term} named before: {cand.text!r}")
        return None

    def office_country_before(self, tok: Token, office: str) -> str | None:
        """'Albanian Prime Minister Edi Rama ... The prime minister accused Iran': the country
        of the same office (or role) named with one earlier in the article (nearest first)."""
        lemma = tok.lemma_.lower()
        for t in reversed(self.ctx.tokens[max(0, tok.i - OFFICE_WINDOW):tok.i]):
            if t.lemma_.lower() == lemma and t.pos_ in ("NOUN", "PROPN"):
                actor = self.resolve(t)
                if actor is not None and actor.country and (
                        repr(office) in actor.how or actor.how.startswith(f"{office} of ")):
                    return actor.country
        return None

    def same_role_before(self, tok: Token, role) -> str | None:
        """'Mali detained 49 Ivorian soldiers ... The soldiers were charged by Malian
        prosecutors': a definite role word is of the country it was named with before. Not an
        office (office_country_before) nor a government body (country_named_before)."""
        if role.office or role.sector in self.resolver.rules.codes("named_before_sectors") or \
                not definite(self.ctx, tok):
            return None
        return self.office_country_before(tok, role.term)

    def country_named_before(self, tok: Token, otherwise: str | None = None) -> str | None:
        """'Algerian authorities blamed the separatists. The authorities also accused...': the
        country of the last actor or place named before the word in its sentence or the one
        before it, if that country is the only one named there; `otherwise` if none is named
        there."""
        starts = self.ctx.sentence_starts
        k = bisect_right(starts, tok.i) - 1
        named = self.ctx.countries_named(starts[max(0, k - 1)] if k >= 0 else 0, tok.i)
        if not named:
            return otherwise
        return named.pop() if len(named) == 1 else None

    def other_country_before(self, tok: Token, not_country: str | None) -> Actor | None:
        """'Mexico severed ties with the South American nation', 'Russia sent troops to the
        neighbouring country': a definite country noun that no word of its phrase names, as
        the target of someone's act, is the last other country named before it, in its
        sentence or the two before."""
        kids = self.ctx.children(tok)
        if tok.lemma_.lower() not in self.words["country_noun"] or tok.tag_ != "NN" or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in kids) or \
                any(c.dep_ not in ("det", "amod", "compound") or c.i in self.ctx.mention_at
                    for c in kids):
            return None
        starts = self.ctx.sentence_starts
        lo = starts[max(0, bisect_right(starts, tok.i) - 3)]
        named = [(m.start, m.entry.country) for m in self.ctx.mentions_in(lo, tok.i)
                 if m.entry and m.entry.country] + \
            [(p.start, p.place.country) for p in self.ctx.places
             if lo <= p.start < tok.i and p.place.country]
        for _, country in sorted(named, reverse=True):
            if country != not_country:
                return self._actor([tok], iso_countries().get(country, country), country,
                                   f"{tok.text!r}: the other country named last")
        return None

    def the_country(self, tok: Token) -> str | None:
        """'The US embassy in Khartoum blamed the country's military leaders': "the country"
        (or "the nation", but not "the European nation") is the one the article reports on,
        not the speaker's."""
        kids = self.ctx.children(tok)
        if tok.lemma_.lower() in self.words["country_noun"] and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in kids) and \
                all(c.dep_ in ("det", "case") for c in kids):
            return self.ctx.article_country
        return None

    def counterpart(self, tok: Token, np: list[Token], places: list[Mention]) -> Actor | None:
        """'his Russian counterpart': the office of the possessor, in the named country."""
        poss = next((c for c in self.ctx.children(tok) if c.dep_ == "poss"), None)
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

    def neighbour(self, tok: Token, np: list[Token]) -> Actor | None:
        """'Rwanda accused its neighbour': of the countries the article names, the one it
        names most after the possessor's own, if one stands out."""
        poss = next((c for c in self.ctx.children(tok) if c.dep_ == "poss"), None)
        owner = self.resolve(poss) if poss is not None else None
        if owner is None or not owner.country:
            return None
        counts = Counter(m.entry.country for m in self.ctx.mentions if m.entry and
                         m.entry.country and m.entry.country != owner.country).most_common(2)
        if not counts or (len(counts) == 2 and counts[1][1] == counts[0][1]):
            return None
        country = counts[0][0]
        return self._actor(np, None, country, f"{owner.name}'s neighbour: the country most named")

    def the_two(self, tok: Token) -> list[Actor]:
        """'the two sides', 'both countries', 'the two leaders': the two countries the article
        has named most often up to here."""
        if tok.lemma_.lower() not in self.words["pair_noun"]:
            return []
        words = {c.lower_ for c in self.ctx.children(tok) if c.dep_ in ("det", "predet", "nummod")}
        if not ({"the", "two"} <= words or "both" in words or self._each_other_subject(tok, words)):
            return []  # "the two sides", "both countries"; not "two organizations linked to X"
        if tok.lemma_.lower() in self.words["group_pair_noun"]:  # "both groups": two named organisations
            orgs = Counter((m.entry.name, m.entry.code) for m in self.ctx.mentions
                           if m.end <= tok.i and m.entry and m.entry.kind == "org")
            two = [k for k, _ in orgs.most_common(2)]
            return [self._actor([tok], name, code, f"one of {tok.text!r}: {name}")
                    for name, code in two] if len(two) == 2 else []
        counts = Counter(m.entry.country for m in self.ctx.mentions  # actors, not mere places
                         if m.end <= tok.i and m.entry and m.entry.country and m.entry.kind != "place")
        top = [c for c, _ in counts.most_common(2)]
        if len(top) < 2:
            return []
        names = iso_countries()
        role = self.kb.role(tok.lemma_.lower())  # "the two leaders": their governments
        sector = role.sector if role and role.human else ""
        return [self._actor([tok], names.get(c, c), c + sector, f"one of {tok.text!r}: {c}")
                for c in top]

    def _each_other_subject(self, tok: Token, determiners: set[str]) -> bool:
        """'The neighbours accuse each other', 'each side accusing the other': pair nouns
        whose act has the parties themselves as its object."""
        if tok.dep_ != "nsubj" or not (tok.tag_ == "NNS" or "each" in determiners):
            return False
        return acts_on_each_other(self.ctx, tok.head)

    def coordinated_speakers(self, tok: Token) -> list[Actor]:
        """'Brazil, Argentina and Uruguay said they were pulling their ambassadors': "they" in
        the reported clause is every one of the coordinated speakers (none if fewer than two
        of them are actors)."""
        if tok.lower_ not in self.words["group_pronoun"] or tok.dep_ not in ("nsubj", "nsubjpass") \
                or tok.head.dep_ != "ccomp":
            return []
        for subj in subjects(self.ctx, tok.head.head):
            conjuncts = expand_conjuncts(self.ctx, [subj]) if subj.i < tok.i else []
            actors = [a for t in conjuncts if t.pos_ != "PRON" and (a := self.resolve(t)) and a.code]
            if len(actors) >= 2:
                return [self._actor([tok], a.name, a.code, f"pronoun {tok.text!r} -> one of the "
                                    f"subjects: {a.text!r}") for a in actors]
        return []

    def resolve_pronoun(self, tok: Token) -> Actor | None:
        """The most recent compatible antecedent: a named actor, or a role phrase that is a
        subject or object ("The Pentagon spokesman replied ... he added")."""
        word = tok.lower_
        if word in self.words["speaker_pronoun"] and self.ctx.in_quote(tok.idx):
            return self._speaker_of_quote(tok)
        if word in self.words["first_second_person"] or word in self.words["relative_pronoun"]:
            return None
        if any(c.dep_ in ("relcl", "acl") for c in self.ctx.children(tok)):
            return None  # "blamed those who left": the clause says who, not an earlier name
        want_person = word in self.words["person_pronoun"]
        want_gender = "f" if word in self.words["feminine_pronoun"] else "m" if word in self.words["masculine_pronoun"] else None
        want_group = word in self.words["group_pronoun"]
        if (want_person or want_group) and tok.dep_ in ("nsubj", "nsubjpass") and \
                tok.head.dep_ == "ccomp":
            # "Biden said that he ...", "the rebels said they would release ...": the speaker
            # of the matrix clause (a person for "he", a group or a country for "they")
            for subj in subjects(self.ctx, tok.head.head):
                actor = self.resolve(subj) if subj.i < tok.i and subj.pos_ != "PRON" else None
                if actor is None:
                    continue
                if want_person:
                    fits = self._is_person(subj) and self._agrees(actor.name or actor.text,
                                                                  want_gender)
                else:
                    fits = bool(actor.code) and (subj.tag_ in ("NNS", "NNPS")
                                                 or not self._is_person(subj))
                if fits:
                    return self._actor([tok], actor.name, actor.code,
                                       f"pronoun {tok.text!r} -> subject {subj.text!r}")
        if word.endswith(("self", "selves")) and tok.dep_ in ("dobj", "dative", "pobj"):
            # "Iraq had attacked themselves": a reflexive object is its own verb's subject
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
            for subj in subjects(self.ctx, verb):
                actor = self.resolve(subj) if subj.i < tok.i else None
                if actor is not None and actor.code:
                    return self._actor([tok], actor.name, actor.code,
                                       f"reflexive {tok.text!r} -> subject {subj.text!r}")
        candidates = self._antecedents(tok.i)
        if tok.dep_ in ("nsubj", "nsubjpass"):  # salience: a subject picks up a subject
            subjects_first = [c for c in candidates if self._is_subject(c)]
            candidates = [c for c in candidates if not self._is_subject(c)] + subjects_first[-3:]
        elif tok.dep_ in ("dobj", "dative") and not word.endswith(("self", "selves")):
            # "Hun Sen accused him": an object pronoun is not its own verb's subject
            own = {s.i for s in subjects(self.ctx, tok.head)}
            candidates = [c for c in candidates if not (
                own & set(range(c.start, c.end)) if isinstance(c, Mention) else c.i in own)]
        for cand in reversed(candidates):
            if self._speakers_own(cand):
                continue
            if isinstance(cand, Mention):
                if cand.entry is None:  # a person the dictionaries lack, as the phrase has it
                    actor = self.resolve(self.doc[cand.start:cand.end].root) if \
                        cand.is_person and want_person else None
                    if actor is not None and self._agrees(cand.person_name, want_gender):
                        return self._actor([tok], actor.name, actor.code,
                                           f"pronoun {tok.text!r} -> {cand.text!r}")
                    continue
                is_person = cand.is_person
                actor_toks, name, code = [tok], cand.entry.name, cand.entry.code
                label = cand.text
                if is_person and not self._agrees(cand.entry.name or cand.text, want_gender):
                    continue
            else:
                role = self.kb.role(cand.lower_) or self.kb.role(cand.lemma_.lower())
                is_person = bool(role and role.human)
                if want_person != is_person or (want_gender and cand.tag_ in ("NNS", "NNPS")):
                    continue
                actor = self.resolve(cand)
                if actor is None:
                    continue
                actor_toks, name, code, label = [tok], actor.name, actor.code, actor.text
            if want_person != is_person:
                continue
            return self._actor(actor_toks, name, code, f"pronoun {tok.text!r} -> {label!r}")
        return None

    def _speaker_of_quote(self, tok: Token) -> Actor | None:
        """'"We will respond," the minister said': who speaks the direct quote the word is in."""
        start, _ = self.ctx.original_offsets(tok.idx, tok.idx + len(tok))
        for q in self.ctx.quotes:
            if q.kind != "indirect" and q.start <= start < q.end and q.speaker is not None \
                    and q.speaker.code:
                return self._actor([tok], q.speaker.name, q.speaker.code,
                                   f"{tok.text!r} in a quote of {q.speaker.text!r}")
        return None

    def _speakers_own(self, cand) -> bool:
        """'our people', 'my government': the speaker's own side, which a third-person pronoun
        ("they refuse to cooperate with us") does not take up."""
        head = self.doc[cand.start:cand.end].root if isinstance(cand, Mention) else cand
        return any(c.dep_ == "poss" and c.lower_ in self.words["first_second_person"]
                   for c in self.ctx.children(head))

    def _agrees(self, person_name: str, want: str | None) -> bool:
        """'She' is not Putin: a first name most people of one gender carry decides."""
        if want is None:
            return True
        got = self.kb.gender(person_name)
        return got is None or got == want

    def _is_subject(self, cand) -> bool:
        if isinstance(cand, Mention):
            tokens = self.ctx.tokens
            return any(tokens[i].dep_ in ("nsubj", "nsubjpass") for i in range(cand.start, cand.end))
        return cand.dep_ in ("nsubj", "nsubjpass")

    def _is_person(self, tok: Token) -> bool:
        m = self.ctx.mention_at.get(tok.i)
        if m is not None:
            return m.is_person
        role = self.kb.role(tok.lower_) or self.kb.role(tok.lemma_.lower())
        return bool(role and role.human)

    def _antecedents(self, before: int) -> list:
        """Dictionary mentions and role-noun arguments before a token, in text order (the
        last MAX_ANTECEDENTS of them: salience fades, and long documents stay linear)."""
        if self._all_antecedents is None:
            out: list = list(self.ctx.mentions)
            for t in self.doc:
                if t.pos_ == "NOUN" and t.dep_ in ARGUMENT_DEPS and t.i not in self.ctx.mention_at and \
                        (self.kb.role(t.lower_) or self.kb.role(t.lemma_.lower())):
                    out.append(t)
            out.sort(key=lambda c: c.start if isinstance(c, Mention) else c.i)
            self._all_antecedents = out
            self._antecedent_ends = [c.end if isinstance(c, Mention) else c.i + 1 for c in out]
        n = bisect_right(self._antecedent_ends, before)
        return self._all_antecedents[max(0, n - MAX_ANTECEDENTS):n]
