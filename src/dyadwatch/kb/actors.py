"""The actor knowledge base: names, codes and the dates they held, loaded from data files.

Sources, highest priority first: user dictionaries (`--actors FILE`), our curated files
(persons with dated offices, IGOs, organisations, metonyms and short country names) with the
converted world files of the same rank (the CIA World Factbook's dated office holders, party
leaders, parties, armed forces and armed groups; the CIA World Leaders cabinets of 2019; the
Forbes Global 2000 companies), pycountry's ISO 3166
names with NGEC's demonyms, and the converted Phoenix dictionaries. A name found in a
higher-priority source hides the lower ones, so a curated update beats a stale 2014 entry.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pycountry

from dyadwatch.kb.countries import iso_countries, split_code
from dyadwatch.kb.names import alias_key
from dyadwatch.kb.resources import DataFiles, read_tsv

USER, CURATED, ISO, PHOENIX = 0, 1, 2, 3


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
    def __init__(self, files: DataFiles) -> None:
        self.files = files
        self.aliases: dict[str, list[Entry]] = defaultdict(list)
        self.alias_forms: set[str] = set()  # every alias as written, for the mention matcher
        self.roles: dict[str, Role] = {}
        self.office_holders: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        self.max_alias_words = 1
        self.first_names: dict[str, str] = {}
        self._spellings: dict[str, set[str]] | None = None  # built on first use

    # ------------------------------------------------------------------ loading
    def add(self, alias: str, entry: Entry) -> None:
        key = alias_key(alias)
        if len(key) < 2:
            return
        self.aliases[key].append(entry)
        self.alias_forms.add(alias)
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
        for r in self.files.rows("metonyms_curated.tsv"):
            code = r["country"] + (r.get("sector") or "")
            name = r["alias"] if r.get("sector") else names.get(r["country"], r["alias"])
            self.add(r["alias"], Entry(name, code, kind="country", priority=CURATED))
        for r in self.files.rows("demonyms_ngec.tsv"):
            if r["country"] in names:
                self.add(r["term"], Entry(names[r["country"]], r["country"], kind="country",
                                          priority=ISO))

    def load_phoenix(self) -> None:
        # country rows are dated too (Kharkiv: Soviet, then Ukrainian): a country's name, or a
        # bare country code, is a country, not a person
        countries = {alias_key(n) for n in iso_countries().values()}
        rows = self.files.rows("actors_phoenix.tsv")
        # a person's undated fallback row ("Olusegun Obasanjo": NGAELI) is still a person
        dated = {r["name"] for r in rows if r["start"] or r["end"]}
        for r in rows:
            code = r["code"]
            country, sector = split_code(code)
            if (country and not sector) or alias_key(r["name"]) in countries:
                kind = "country"
            else:
                kind = "person" if r["name"] in dated else "org"
            self.add(r["alias"], Entry(r["name"], code, r["start"], r["end"], "", kind, PHOENIX))

    def load_roles(self) -> None:
        for r in self.files.rows("agents_phoenix.tsv"):
            self.roles.setdefault(r["term"], Role(r["term"], r["sector"], False, False))
        for r in self.files.rows("roles_curated.tsv"):
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

    def spelling_variant(self, text: str, date: str | None = None) -> Entry | None:
        """The person the dictionaries list under another spelling of the given names
        ("Evelyne Anite" for "Evelyn Anite", "Sergey Lavrov" for "Sergei Lavrov"): the same
        surname and the same consonants in the given names, one person only, and no first
        name of the other gender ("Maria Rossi" is not "Mario Rossi")."""
        key = variant_key(text)
        if key is None:
            return None
        if self._spellings is None:
            self._spellings = defaultdict(set)
            for alias, entries in self.aliases.items():
                if " " in alias and any(e.kind == "person" for e in entries):
                    self._spellings[variant_key(alias) or ""].add(alias)
        names = self._spellings.get(key, ())
        if len(names) != 1:
            return None
        (name,) = names
        genders = {self.gender(text), self.gender(name)}
        if {"f", "m"} <= genders:
            return None
        entry = self.lookup(name, date)
        return entry if entry is not None and entry.kind == "person" else None

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
                            for r in self.files.rows("first_names_nomquamgender.tsv")}


def load_knowledge_base(files: DataFiles, user_files: tuple[str, ...] = ()) -> KnowledgeBase:
    kb = KnowledgeBase(files)
    kb.load_roles()  # first: persons' offices are filed under their role's office key
    for f in user_files:
        kb.load_persons(Path(f), USER)
    kb.load_persons(files.path("persons_curated.tsv"), CURATED)
    kb.load_persons(files.path("officials_curated.tsv"), CURATED)
    kb.load_persons(files.path("leaders_curated.tsv"), CURATED)
    kb.load_persons(files.path("world_leaders_factbook.tsv"), CURATED)
    kb.load_persons(files.path("officials_cia_2019.tsv"), CURATED)
    kb.load_orgs(files.path("igos_curated.tsv"), CURATED)
    kb.load_orgs(files.path("orgs_curated.tsv"), CURATED)
    kb.load_orgs(files.path("media_curated.tsv"), CURATED)
    kb.load_orgs(files.path("parties_factbook.tsv"), CURATED)
    kb.load_orgs(files.path("forces_factbook.tsv"), CURATED)
    kb.load_orgs(files.path("companies_forbes.tsv"), CURATED)
    kb.load_countries()
    kb.load_phoenix()
    kb.load_first_names()
    return kb


def variant_key(name: str) -> str | None:
    """A person's name as its spelling variants share it: each given name by its first letter
    and its other consonants (doubled letters once), the surname as written; None for a
    single word."""
    words = alias_key(name).replace(".", "").split()
    if len(words) < 2:
        return None
    given = [re.sub(r"(.)\1+", r"\1", w[0] + re.sub(r"[aeiouy]", "", w[1:])) for w in words[:-1]]
    return " ".join(given + [words[-1]])
