"""Actor mentions: names from the actor dictionaries (spaCy's PhraseMatcher over every alias,
then the entry valid on the article's date), persons and places the tagger finds that the
dictionaries lack, and organisations named after a place."""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.parts_of_speech import PROPN
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from dyadwatch.coding.alias_patterns import alias_docs
from dyadwatch.coding.context import DocContext
from dyadwatch.kb.actors import ISO, Entry, KnowledgeBase
from dyadwatch.kb.names import alias_key, without_accents
from dyadwatch.kb.word_classes import WordClasses

# how far back a surname looks for the full name it continues ("Navalny" after "Alexei Navalny")
LINK_PERSON_LOOKBACK = 200


@dataclass(slots=True, eq=False)  # compared and hashed by identity
class Mention:
    start: int  # token indices, end exclusive
    end: int
    entry: Entry | None
    text: str
    is_person: bool
    full_name: str = ""  # a person the dictionaries lack: the fullest name the article gives

    @property
    def person_name(self) -> str:
        return self.full_name or self.text


class _Found(list):
    """The mentions found so far, in text order, and the persons among them by each ending of
    their names ("navalny" and "alexei navalny" for "Alexei Anatolievich Navalny"): the latest
    person whose name a later mention ends, among the last LINK_PERSON_LOOKBACK mentions."""

    def __init__(self, family_name_first=lambda word: False) -> None:
        """`family_name_first(word)`: whether the first word of an unlisted person's name may
        be their family name, as in Chinese, Korean or Cambodian names ("Xing" after "Xing
        Haiming"): a word that is no known given name and names nothing else."""
        super().__init__()
        self._by_ending: dict[str, tuple[int, Mention]] = {}
        self.family_name_first = family_name_first
        self.countries: set[str] = set()  # the countries the mentions so far stand for

    def append(self, m: Mention) -> None:
        super().append(m)
        if m.entry and m.entry.country:
            self.countries.add(m.entry.country)
        if m.is_person:
            words = alias_key(m.person_name).split(" ")
            for k in range(1, len(words)):
                self._by_ending[" ".join(words[k:])] = (len(self), m)
            if len(words) in (2, 3) and self.family_name_first(words[0]):
                self._by_ending.setdefault(words[0], (len(self), m))

    @property
    def has_persons(self) -> bool:
        return bool(self._by_ending)

    def person_ending(self, text: str) -> Mention | None:
        at, m = self._by_ending.get(alias_key(text), (0, None))
        return m if m is not None and len(self) - at < LINK_PERSON_LOOKBACK else None


class MentionMatcher:
    """Built once per pipeline: a PhraseMatcher over the lower-cased tokens of every alias."""

    def __init__(self, nlp: Language, kb: KnowledgeBase, words: WordClasses) -> None:
        self.kb = kb
        self.particles = words["name_particle"]  # lower-case words a name may start with ("al-Shabab")
        self.language_suffixes = words["language_suffix"]  # "English-speaking": a language
        self.region_qualifiers = words["region_qualifier"]  # "South American": a region
        self.continent_demonyms = words["continent_demonym"]
        self.hyphen_prefixes = words["nationality_prefix"]  # "Inter-American": no country
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        seen, patterns = set(), []
        for pattern in alias_docs(nlp, kb.alias_forms):
            words = tuple(t.lower_ for t in pattern if not t.is_space)
            if words and words not in seen:
                seen.add(words)
                patterns.append(pattern)
        self.matcher.add("ALIAS", patterns)

    def __call__(self, ctx: DocContext) -> list[Mention]:
        """Mentions left to right, each the longest dictionary name starting at its first word."""
        doc, kb = ctx.doc, self.kb
        ends: dict[int, list[int]] = defaultdict(list)
        for start, end, before in self._matches(doc, ctx.tokens, ctx.norm.text):
            if end - start <= kb.max_alias_words:
                ends[start].append(end)
                # "The Kremlin": a capitalised article before a name belongs to the mention
                if before is not None and doc[before].lower_ == "the" and \
                        end - before <= kb.max_alias_words:
                    ends[before].append(end)
        found = _Found(self._family_name_first)
        defined: dict[str, Entry] = {}  # acronyms the article defines, and what they stand for
        ents = {e.start: e for e in doc.ents}
        tokens = ctx.tokens
        at = 0  # the first token after the last mention found
        for i in self._starts(ctx, ends, ents):
            if i < at:
                continue
            tok = tokens[i]
            match = None
            if tok.text in defined:  # "the Bangladesh Nationalist Party (BNP) ... BNP"
                match = Mention(i, i + 1, defined[tok.text], tok.text, False)
            elif tok.text[:1].isupper() and not tok.is_punct:
                # the article's person wins over the dictionary's default for a surname
                match = _named_before(ctx, i, found) or \
                    self._dictionary(ctx, i, sorted(ends.get(i, ()), reverse=True))
            elif tok.lower_ in self.particles and i in ends:
                # "al-Shabab", "bin Salman": a name may start with a lower-case particle
                match = self._dictionary(ctx, i, sorted((e for e in ends[i] if e - i > 1),
                                                        reverse=True))
            if match is not None:
                if match.entry and match.entry.kind in ("country", "place"):
                    match = self._name_holding_place(ctx, match, ents, found) or match
                elif match.end - match.start == 1 and \
                        tok.ent_iob_ == "B" and ents[i].label_ == "PERSON" and len(ents[i]) > 1:
                    # "Leonardo DiCaprio": a person, not the company named Leonardo
                    match = self._named_entity(ctx, ents[i], found) or match
            if match is None and tok.ent_iob_ == "B" and tok.ent_type_ == "ORG":
                # "the Kurdistan Workers Party": the dictionary's name first; "Lincoln Chafee"
                # tagged as an organisation: a first name is never a place
                match = self._org_in_dictionary(ctx, ents[i]) or \
                    self._first_name_person(ctx, i, found, within=ents[i]) or \
                    _org_named_for_place(ctx, ents[i], found.countries)
            if match is None and tok.ent_iob_ == "B" and tok.ent_type_ in ("PERSON", "GPE", "LOC"):
                match = self._named_entity(ctx, ents[i], found)
            if match:
                found.append(match)
                at = match.end
                acronym = _defined_acronym(tokens, match)
                if acronym:
                    defined[acronym] = match.entry
        return list(found)

    def _family_name_first(self, word: str) -> bool:
        kb = self.kb
        return len(word) > 1 and word not in kb.first_names and kb.lookup(word) is None and \
            kb.role(word) is None

    def _starts(self, ctx: DocContext, ends: dict[int, list[int]],
                ents: dict[int, Span]) -> list[int]:
        """The tokens a mention can start at, in order: a capitalised word that is no
        punctuation, a particle a dictionary name starts at, an entity's first word. Read off
        the text and the document's arrays, not one Token object and its strings per word."""
        text, tokens = ctx.norm.text, ctx.tokens  # the parsed text (`Doc.text` joins anew)
        idx, punct = ctx.doc.to_array([IDX, IS_PUNCT]).T.tolist()
        starts = {i for i, (c, p) in enumerate(zip(idx, punct)) if not p and text[c].isupper()}
        starts.update(i for i in ends if tokens[i].lower_ in self.particles)
        starts.update(ents)
        return sorted(starts)

    def _matches(self, doc: Doc, tokens: list[Token], text: str):
        """(start, end, the word before or None) of each alias the matcher finds, over the words
        alone as `alias_key` compares them: a line break inside a name ("United\nStates") does
        not hide it, nor do accents ("Perú"). Paragraph breaks never fall inside a name, so a
        document whose only spaces are paragraph breaks is matched as it is."""
        is_space = doc.to_array(IS_SPACE).tolist()
        spaces = [i for i, space in enumerate(is_space) if space]
        accented = unicodedata.normalize("NFD", text) != text  # "Perú", "Panamá"
        if not accented and all("\n\n" in tokens[i].text for i in spaces):
            for _, s, e in self.matcher(doc):
                before = s - 1 if s > 0 and not is_space[s - 1] else None
                yield s, e, before
            return
        words = sorted(set(range(len(tokens))).difference(spaces))
        texts = [tokens[i].text for i in words]
        if accented:  # the matcher holds every alias also without its accents
            texts = [without_accents(t) or t for t in texts]
        for _, s, e in self.matcher(Doc(doc.vocab, words=texts)):
            yield words[s], words[e - 1] + 1, words[s - 1] if s > 0 else None

    def _dictionary(self, ctx: DocContext, start: int, ends: list[int]) -> Mention | None:
        for end in ends:
            span = ctx.doc[start:end]
            if span[-1].is_punct and end - start > 1:
                continue
            text = span.text
            short = len(text) <= 3 and text.replace(".", "").isalpha() and not text.isupper()
            if short and (span[0].is_stop or span[0].pos_ != "PROPN"):
                continue  # "Us", "Who": short names only in capitals, or a person's ("Mr. Xi")
            if all(t.is_stop for t in span) and not all(t.text[:1].isupper() for t in span):
                continue  # "We can", "We must": party names of common words, only as names
            if end + 1 < len(ctx.doc) and ctx.tokens[end].text == "-" and \
                    ctx.tokens[end + 1].lower_ in self.language_suffixes:
                return None  # "the English-speaking regions": a language
            if start > 1 and ctx.tokens[start - 1].text == "-" and \
                    not ctx.tokens[start - 2].whitespace_ and \
                    ctx.tokens[start - 2].lower_ in self.hyphen_prefixes:
                return None  # "the Inter-American Commission", "anti-American protests"
            if end - start == 1 and start > 0 and text.lower() in self.continent_demonyms and \
                    ctx.tokens[start - 1].lower_ in self.region_qualifiers:
                return None  # "the South American nation": a region, not the United States
            entry = self.kb.lookup(text, ctx.date)
            if entry is not None and (entry.kind == "person" or not short):
                return Mention(start, end, entry, text, _names_person(span, entry))
        return None

    def _org_in_dictionary(self, ctx: DocContext, ent: Span) -> Mention | None:
        """An organisation the tagger found with its article ("the Kurdistan Workers Party"),
        looked up without it."""
        if ent[0].lower_ != "the" or len(ent) < 2:
            return None
        entry = self.kb.lookup(ent[1:].text, ctx.date)
        return Mention(ent.start, ent.end, entry, ent.text, False) \
            if entry is not None and entry.kind != "person" else None

    def _name_holding_place(self, ctx: DocContext, match: Mention, ents: dict[int, Span],
                            found: _Found) -> Mention | None:
        """Names before places: a person or organisation whose name starts with a place
        ("Israel Katz", "Kenya Airways", "the Bangladesh Nationalist Party") is resolved as a
        whole, and a first name followed by a surname is never a place ("Lincoln Chafee")."""
        doc, start = ctx.doc, match.start
        if start > 1 and doc[start - 1].lower_ == "to" and self.kb.role(doc[start - 2].lower_):
            return None  # "the Kenyan Ambassador to Somalia Lucas Tumbo": the post, then the envoy
        ent = ents.get(start) if doc[start].ent_iob_ == "B" else None
        while ent is not None and len(ent) > 1 and (ent[-1].is_punct or ent[-1].tag_ == "POS"):
            ent = ent[:-1]  # "Burkina Faso’s" tagged as a person is the country
        if ent is not None and ent.label_ in ("PERSON", "ORG") and ent.end > match.end:
            if all(self.kb.role(t.lower_) for t in doc[match.end:ent.end]):
                return None  # "Maldives Envoy" tagged as a person: a place and a role
            entry = self.kb.lookup(ent.text, ctx.date)
            if entry is not None:
                return Mention(ent.start, ent.end, entry, ent.text, entry.kind == "person")
            if ent.label_ == "PERSON":
                return self._named_entity(ctx, ent, found)
            return self._first_name_person(ctx, start, found, within=ent) or \
                _org_named_for_place(ctx, ent, found.countries)
        return self._first_name_person(ctx, start, found) if match.end - start == 1 else None

    def _first_name_person(self, ctx: DocContext, start: int, found: _Found,
                           within: Span | None = None) -> Mention | None:
        """'Lincoln Chafee': a first name most bearers of which share one gender, then one or
        two capitalised words that are no name or role of the dictionaries, is a person; inside
        an organisation's name only if it is the whole name ("Santa Marta Self Defense Forces"
        is no person)."""
        doc = ctx.doc
        if doc[start].lower_ not in self.kb.first_names:
            return None
        end = start + 1
        while end < min(len(doc), start + 3) and _surname_word(self.kb, doc[end]):
            end += 1
        if end - start < 2 or \
                any(t.ent_type_ in ("GPE", "LOC", "DATE", "NORP") for t in doc[start:end]) or \
                (within is not None and end < within.end):
            return None
        span = doc[start:end]
        return Mention(start, end, None, span.text, True, _link_person(span, found))

    def _other_given_name(self, words: Span, entry: Entry) -> bool:
        """'Salman Bashir' is not Omar al-Bashir ("Asif Zardari" is Asif Ali Zardari): a given
        name, not a title ("General", "Ayatollah"), before the end of a listed person's name
        that the listed name lacks."""
        listed = alias_key(entry.name).split(" ")
        return any(t.lower_ in self.kb.first_names and self.kb.role(t.lower_) is None
                   and t.lower_ not in listed for t in words)

    def _named_entity(self, ctx: DocContext, ent: Span, found: _Found) -> Mention | None:
        if ent.label_ == "PERSON":
            # "Ayatollah Ali Khamenei", "General Mark Milley": the name after a title (a
            # person's: "Kazuya Endo" is not the company Endo)
            entry = next((e for j in range(ent.start + 1, ent.end)
                          if (e := self.kb.lookup(ctx.doc[j:ent.end].text, ctx.date))
                          and e.kind == "person"
                          and not self._other_given_name(ctx.doc[ent.start:j], e)), None)
            if entry is not None:
                return Mention(ent.start, ent.end, entry, ent.text, True)
            linked = found.person_ending(ent.text)
            if linked is not None:
                return Mention(ent.start, ent.end, linked.entry, ent.text, True, linked.person_name)
            return Mention(ent.start, ent.end, self.kb.spelling_variant(ent.text, ctx.date),
                           ent.text, True)
        # a city or region the actor dictionaries lack stands for its country: of a country
        # named before it, if one has a place of that name ("the Western Province" in Sri Lanka)
        place = ctx.knowledge.gazetteer.lookup(ent.text, found.countries)
        if place is not None and place.country:
            entry = Entry(place.name, place.country, kind="place", priority=ISO)
            return Mention(ent.start, ent.end, entry, ent.text, False)
        return None


def _org_named_for_place(ctx: DocContext, ent: Span, countries: set[str]) -> Mention | None:
    """An organisation the dictionaries lack whose name holds a place ("Santa Marta Self
    Defense Forces", "Mariupol" tagged as an organisation) belongs to that place's country;
    its head word's role, if any, gives the sector. Towns are not trusted here."""
    kb, gazetteer = ctx.knowledge.actors, ctx.knowledge.gazetteer
    for n in range(len(ent), 0, -1):
        for j in range(ent.start, ent.end - n + 1):
            span = ctx.doc[j:j + n]
            if n < len(ent) and any(t.is_stop or t.pos_ != "PROPN" for t in span):
                continue
            place = gazetteer.lookup(span.text, countries)
            if place is None or not place.country or not place.notable:
                continue
            role = kb.role(ent.root.lower_) or kb.role(ent.root.lemma_.lower())
            sector = role.sector if role and n < len(ent) else ""
            kind = "org" if n < len(ent) else "place"
            entry = Entry(ent.text if n < len(ent) else place.name, place.country + sector,
                          kind=kind, priority=ISO)
            return Mention(ent.start, ent.end, entry, ent.text, False)
    return None


def _names_person(span: Span, entry: Entry) -> bool:
    """Whether a dictionary name is a person's: its entry says so, or an undated entry the
    dictionary could not tell apart from an organisation ("Hisham Kandil": EGYGOV) is a name
    of two words or more the parser reads as a person's."""
    return entry.kind == "person" or (
        entry.kind == "org" and len(span) > 1 and all(t.ent_type_ == "PERSON" for t in span))


def _surname_word(kb: KnowledgeBase, tok) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text[1:2].islower() and \
        kb.lookup(tok.text) is None and kb.role(tok.lower_) is None


def _link_person(span: Span, found: _Found) -> str:
    linked = found.person_ending(span.text)
    return linked.person_name if linked is not None else ""


def _named_before(ctx: DocContext, start: int, found: _Found) -> Mention | None:
    """One to three capitalised words that end the name of a person named earlier in the
    article: that person ("Clinton" after "Hillary Clinton", whoever the dictionary's
    default "Clinton" is)."""
    tokens, pos = ctx.tokens, ctx.pos_ids
    if not found.has_persons or pos[start] != PROPN:
        return None
    for n in (3, 2, 1):
        end = start + n
        if end > len(tokens) or not all(pos[j] == PROPN and tokens[j].text[:1].isupper()
                                        for j in range(start, end)):
            continue
        if end < len(tokens) and pos[end] == PROPN and tokens[end].text[:1].isupper():
            continue  # part of a longer name
        span = ctx.doc[start:end]
        m = found.person_ending(span.text)
        if m is not None:
            return Mention(start, end, m.entry, span.text, True, m.person_name)
    return None


def _defined_acronym(tokens: list[Token], m: Mention) -> str | None:
    """'the Bangladesh Nationalist Party (BNP)': the capitals in brackets right after the name
    of an organisation the dictionaries know, which stand for it in the rest of the article
    (not after a country or a place: "... of Ecuador (CONAIE)" names more than Ecuador)."""
    if m.entry is None or m.entry.kind in ("person", "country", "place") or \
            m.end + 2 >= len(tokens) or \
            tokens[m.end].text != "(" or tokens[m.end + 2].text != ")":
        return None
    acronym = tokens[m.end + 1].text
    return acronym if 2 <= len(acronym) <= 8 and acronym.isupper() and acronym.isalpha() else None
