#!/usr/bin/env python3
"""Convert the field's public dictionaries into dyadwatch's own data files.

    python scripts/build_data.py [ANCHORS_DIR]

ANCHORS_DIR defaults to ../shared/data/anchors. Only facts are taken (a code, a Goldstein
score, that a name belongs to a country and sector in a date range); every output file says in
its header where its facts come from. The files are written to src/dyadwatch/data/ and are
committed, so installing dyadwatch never needs the anchors.
"""
from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dyadwatch" / "data"
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
    s = s.strip()
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
PHOENIX_TO_ISO = {"KSV": "XKX", "TMP": "TLS", "USR": "RUS", "SUN": "RUS", "YUG": "SRB",
                  "SCG": "SRB", "FRY": "SRB", "DDR": "DEU", "CSK": "CZE"}


# aliases that are ordinary English words, matched at the start of any title-case name
# ("Collective Security Treaty Organization" is not Tanzim)
NOT_NAMES = {"organization"}


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
    rows = list(dict.fromkeys(rows))
    write_tsv(OUT / "actors_phoenix.tsv", [
        "Actor names with CAMEO actor codes and the dates each code held, converted from the",
        "Phoenix actor dictionaries Phoenix.Countries/International/MilNonState.actors.txt",
        "(openeventdata/petrarch2, MIT; generated 2014 from CountryInfo). Dates are ISO; empty = open.",
        "A row without dates is the default code when no dated row covers the article's date.",
        "Phoenix's non-ISO country codes are mapped to ISO (KSV->XKX, TMP->TLS, USR->RUS, ...);",
        "aliases that are plain English words (scripts/build_data.py NOT_NAMES) are left out.",
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


def main(argv: list[str]) -> None:
    anchors = Path(argv[0]) if argv else ROOT.parent / "shared" / "data" / "anchors"
    OUT.mkdir(parents=True, exist_ok=True)
    build_codebook(anchors)
    build_verb_patterns(anchors)
    build_actors(anchors)
    build_agents(anchors)
    build_demonyms(anchors)
    build_reporting_verbs(anchors)
    build_first_names()


if __name__ == "__main__":
    main(sys.argv[1:])
