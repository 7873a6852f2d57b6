"""The actor knowledge base: names, codes and the dates they held, loaded from data files.

Sources, highest priority first: user dictionaries (`--actors FILE`), our curated files
(persons with dated offices, IGOs, organisations, metonyms and short country names), pycountry's ISO 3166
names with NGEC's demonyms, and the converted Phoenix dictionaries. A name found in a
higher-priority source hides the lower ones, so a curated update beats a stale 2014 entry.
"""
from __future__ import annotations

import csv
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pycountry

USER, CURATED, ISO, PHOENIX = 0, 1, 2, 3
# countries that ISO 3166-1 lacks but news and CAMEO use
_EXTRA_COUNTRIES = {"XKX": "Kosovo"}


def data_path(name: str) -> Path:
    return Path(str(resources.files("dyadwatch") / "data" / name))


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated data file whose header lines start with '#'."""
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#") and line.strip()]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def alias_key(text: str) -> str:
    """The form names are compared in: lower case, single spaces, no space around hyphens."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"^the ", "", text)
    return re.sub(r" (?='s\b)", "", text)


@functools.lru_cache(maxsize=1)
def _word_classes() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = defaultdict(set)
    for r in read_tsv(data_path("word_classes_curated.tsv")):
        classes[r["class"]].add(r["word"])
    return {name: frozenset(words) for name, words in classes.items()}


def word_class(name: str) -> frozenset[str]:
    """The words of one closed class in word_classes_curated.tsv ("light_verb", ...)."""
    if name not in _word_classes():
        raise KeyError(f"word class {name!r} is not in word_classes_curated.tsv")
    return _word_classes()[name]


@functools.lru_cache(maxsize=1)
def iso_countries() -> dict[str, str]:
    """ISO alpha-3 -> common name."""
    out = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    out.update(_EXTRA_COUNTRIES)
    return out


def split_code(code: str | None) -> tuple[str | None, str | None]:
    """'RUSGOV' -> ('RUS', 'GOV'); 'IGOUNO' -> (None, None); 'NGO' -> (None, 'NGO')."""
    if not code:
        return None, None
    if code.startswith("IGO"):
        return None, None
    head = code[:3]
    if head in iso_countries():
        return head, (code[3:6] or None)
    return None, head


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing a name can stand for, over a period."""

    name: str
    code: str
    start: str = ""  # ISO date, empty = open
    end: str = ""
    role: str = ""
    kind: str = "person"  # person | country | org
    priority: int = PHOENIX

    @property
    def country(self) -> str | None:
        return split_code(self.code)[0]

    @property
    def sector(self) -> str | None:
        return split_code(self.code)[1]

    def covers(self, date: str | None) -> bool:
        if not (self.start or self.end):
            return False
        if not date:
            return not self.end
        return (not self.start or self.start <= date) and (not self.end or date < self.end)


@dataclass(slots=True)
class Role:
    term: str
    sector: str
    office: bool  # a single office holder ("the Russian president")
    human: bool  # one person (he/she can refer back to it), not an institution or a group
    same_as: str = ""  # the office this term is another name for


class KnowledgeBase:
    def __init__(self) -> None:
        self.aliases: dict[str, list[Entry]] = defaultdict(list)
        self.roles: dict[str, Role] = {}
        self.office_holders: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        self.max_alias_words = 1
        self.first_names: dict[str, str] = {}

    # ------------------------------------------------------------------ loading
    def add(self, alias: str, entry: Entry) -> None:
        key = alias_key(alias)
        if len(key) < 2:
            return
        self.aliases[key].append(entry)
        self.max_alias_words = max(self.max_alias_words, min(key.count(" ") + 1, 10))

    def load_persons(self, path: Path, priority: int) -> None:
        for r in read_tsv(path):
            kind = "person" if r.get("role") is not None or r.get("aliases") else "org"
            entry = Entry(r["name"], r["code"], r.get("start") or "", r.get("end") or "",
                          (r.get("role") or "").lower(), kind, priority)
            for alias in [r["name"]] + [a for a in (r.get("aliases") or "").split("|") if a]:
                self.add(alias, entry)
            country = entry.country or entry.code[:6]
            if entry.role:
                self.office_holders[(country, self.office_key(entry.role))].append(entry)

    def load_orgs(self, path: Path, priority: int) -> None:
        for r in read_tsv(path):
            self.add(r["alias"], Entry(r["name"], r["code"], kind="org", priority=priority))

    def load_countries(self) -> None:
        names = iso_countries()
        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(c, attr, None)
                if value:
                    self.add(value, Entry(names[c.alpha_3], c.alpha_3, kind="country", priority=ISO))
        for r in read_tsv(data_path("metonyms_curated.tsv")):
            code = r["country"] + (r.get("sector") or "")
            name = r["alias"] if r.get("sector") else names.get(r["country"], r["alias"])
            self.add(r["alias"], Entry(name, code, kind="country", priority=CURATED))
        for r in read_tsv(data_path("demonyms_ngec.tsv")):
            if r["country"] in names:
                self.add(r["term"], Entry(names[r["country"]], r["country"], kind="country",
                                          priority=ISO))

    def load_phoenix(self) -> None:
        # country rows are dated too (Kharkiv: Soviet, then Ukrainian): a country's name, or a
        # bare country code, is a country, not a person
        countries = {alias_key(n) for n in iso_countries().values()}
        for r in read_tsv(data_path("actors_phoenix.tsv")):
            code = r["code"]
            country, sector = split_code(code)
            if (country and not sector) or alias_key(r["name"]) in countries:
                kind = "country"
            else:
                kind = "person" if (r["start"] or r["end"]) else "org"
            self.add(r["alias"], Entry(r["name"], code, r["start"], r["end"], "", kind, PHOENIX))

    def load_roles(self) -> None:
        for r in read_tsv(data_path("agents_phoenix.tsv")):
            self.roles.setdefault(r["term"], Role(r["term"], r["sector"], False, False))
        for r in read_tsv(data_path("roles_curated.tsv")):
            self.roles[r["term"]] = Role(r["term"], r["sector"], r["office"] == "1", r["human"] == "1",
                                         r.get("same_as") or "")

    # ------------------------------------------------------------------ lookups
    def lookup(self, text: str, date: str | None = None) -> Entry | None:
        """What a name stands for on a date: the best source, then the period covering it."""
        entries = self.aliases.get(alias_key(text))
        if not entries:
            return None
        best = min(e.priority for e in entries)
        entries = [e for e in entries if e.priority == best]
        for e in entries:
            if e.covers(date):
                return e
        dated = [e for e in entries if e.start]
        if date is None and dated:  # an undated text: the latest office we know of
            return max(dated, key=lambda e: e.start)
        for e in entries:
            if not (e.start or e.end):
                return e
        # a person out of every office we know of: a former official, CAMEO's ELI sector
        e = max(entries, key=lambda e: e.end or "9999")
        if e.country and e.kind == "person":
            return Entry(e.name, e.country + "ELI", kind="person", priority=e.priority)
        return e

    def office_key(self, term: str) -> str:
        """'defense secretary' and 'foreign secretary' are the defence and foreign ministers."""
        role = self.roles.get(term)
        return (role.same_as if role else "") or term

    def office_holder(self, country: str, role: str, date: str | None) -> Entry | None:
        for e in self.office_holders.get((country, self.office_key(role)), []):
            if e.covers(date):
                return e
        return None

    def role(self, term: str) -> Role | None:
        return self.roles.get(alias_key(term))

    def gender(self, person_name: str) -> str | None:
        """'f' or 'm' from the first name, when most bearers of it are one; else None."""
        for word in person_name.replace(".", " ").split():
            g = self.first_names.get(word.lower())
            if g or word[:1].isupper():  # the first capitalised word is the first name
                return g
        return None

    def load_first_names(self) -> None:
        self.first_names = {r["name"]: r["gender"]
                            for r in read_tsv(data_path("first_names_nomquamgender.tsv"))}


@functools.lru_cache(maxsize=8)
def load_knowledge_base(user_files: tuple[str, ...] = ()) -> KnowledgeBase:
    kb = KnowledgeBase()
    kb.load_roles()  # first: persons' offices are filed under their role's office key
    for f in user_files:
        kb.load_persons(Path(f), USER)
    kb.load_persons(data_path("persons_curated.tsv"), CURATED)
    kb.load_persons(data_path("officials_curated.tsv"), CURATED)
    kb.load_orgs(data_path("igos_curated.tsv"), CURATED)
    kb.load_orgs(data_path("orgs_curated.tsv"), CURATED)
    kb.load_countries()
    kb.load_phoenix()
    kb.load_first_names()
    return kb
