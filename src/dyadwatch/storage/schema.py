"""The store's tables (columns and Arrow types), document keys, and the rows one document adds.

Both backends hold these tables: the DuckDB file (`storage.store`) and the Parquet lake
(`storage.lake`). A document is keyed by the SHA-256 of its text; an input that failed, by
its origin and reason.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from urllib.parse import urlparse

import pyarrow as pa

from dyadwatch.isodates import period_start
from dyadwatch.records import Failure, InputDocument

# 2: events gained location_full_name, _feature, _admin2, _source, _granularity (at the end);
# a file or lake of version 1 reads with those columns empty (`missing_columns`, `select_list`)
SCHEMA_VERSION = 2

SCHEMA = {
    "documents": [
        ("doc_key", pa.string()), ("doc_id", pa.string()), ("published", pa.date32()),
        ("url", pa.string()), ("title", pa.string()), ("outlet", pa.string()),
        ("origin", pa.string()), ("status", pa.string()), ("reason", pa.string()),
        ("n_events", pa.int32()), ("n_quotes", pa.int32()), ("ingested_at", pa.timestamp("s")),
    ],
    "sentences": [
        ("doc_key", pa.string()), ("sentence_index", pa.int32()), ("text", pa.string()),
    ],
    "actors": [
        ("doc_key", pa.string()), ("text", pa.string()), ("name", pa.string()),
        ("code", pa.string()), ("country", pa.string()), ("sector", pa.string()),
        ("start", pa.int32()), ("end", pa.int32()),
    ],
    "events": [
        ("event_id", pa.string()), ("doc_key", pa.string()), ("sentence_index", pa.int32()),
        ("source_text", pa.string()), ("source_name", pa.string()), ("source_code", pa.string()),
        ("source_country", pa.string()), ("source_sector", pa.string()),
        ("target_text", pa.string()), ("target_name", pa.string()), ("target_code", pa.string()),
        ("target_country", pa.string()), ("target_sector", pa.string()),
        ("cameo", pa.string()), ("root", pa.string()), ("quad_class", pa.int8()),
        ("goldstein", pa.float32()), ("plover_type", pa.string()), ("plover_mode", pa.string()),
        ("negated", pa.bool_()), ("context", pa.string()),
        ("date", pa.string()), ("date_granularity", pa.string()), ("date_source", pa.string()),
        ("event_day", pa.date32()),
        ("location_name", pa.string()), ("location_country", pa.string()),
        ("location_admin1", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
        ("geonames_id", pa.int64()),
        ("trigger", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
        ("confidence", pa.float32()), ("rule", pa.string()), ("sentence", pa.string()),
        ("location_full_name", pa.string()), ("location_feature", pa.string()),
        ("location_admin2", pa.string()), ("location_source", pa.string()),
        ("location_granularity", pa.string()),
    ],
    "quotes": [
        ("doc_key", pa.string()), ("quote_index", pa.int32()), ("text", pa.string()),
        ("kind", pa.string()), ("speaker_text", pa.string()), ("speaker_name", pa.string()),
        ("speaker_code", pa.string()), ("speaker_country", pa.string()), ("cue", pa.string()),
        ("addressee", pa.string()), ("sentence_index", pa.int32()), ("start", pa.int32()),
        ("end", pa.int32()),
    ],
}
TABLES = tuple(SCHEMA)
# tables whose rows are unique: a second write of the same document adds nothing
KEYS = {"documents": "PRIMARY KEY (doc_key)", "events": "PRIMARY KEY (event_id)"}
_SQL_TYPES = {pa.string(): "VARCHAR", pa.date32(): "DATE", pa.int32(): "INTEGER",
              pa.int8(): "TINYINT", pa.int64(): "BIGINT", pa.float32(): "REAL",
              pa.float64(): "DOUBLE", pa.bool_(): "BOOLEAN", pa.timestamp("s"): "TIMESTAMP"}

Rows = dict[str, list[dict]]  # table -> rows


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema(SCHEMA[table])


def columns_sql(table: str) -> str:
    """The column list of a table as SQL, for CREATE TABLE."""
    return ", ".join(f'"{n}" {_SQL_TYPES[t]}' for n, t in SCHEMA[table])


def sql_type(table: str, column: str) -> str:
    return _SQL_TYPES[dict(SCHEMA[table])[column]]


def select_list(table: str, present: set[str] | frozenset[str], alias: str = "") -> str:
    """The table's columns in schema order for a SELECT over rows written by an older schema:
    a column they lack is NULL of its type."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{n}"' if n in present else f'CAST(NULL AS {_SQL_TYPES[t]}) AS "{n}"'
                     for n, t in SCHEMA[table])


def content_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def failure_key(f: Failure) -> str:
    return "failed:" + hashlib.sha256(f"{f.origin}\0{f.reason}".encode()).hexdigest()


def input_key(item: InputDocument | Failure) -> str:
    """The key a read input is stored under."""
    return failure_key(item) if isinstance(item, Failure) else content_key(item.text)


def merge_rows(many: Iterable[Rows]) -> Rows:
    """Many documents' rows as one set of rows per table."""
    merged: Rows = {t: [] for t in SCHEMA}
    for rows in many:
        for table, items in rows.items():
            merged[table].extend(items)
    return merged


def _outlet(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host[4:] if host.startswith("www.") else host or None


def _actor_fields(prefix: str, a: dict | None) -> dict:
    a = a or {}
    return {f"{prefix}_text": a.get("text"), f"{prefix}_name": a.get("name"),
            f"{prefix}_code": a.get("code"), f"{prefix}_country": a.get("country"),
            f"{prefix}_sector": a.get("sector")}


def _event_row(key: str, n: int, e: dict) -> dict:
    loc = e.get("location") or {}
    plover = e.get("plover") or {}
    return {
        "event_id": f"{key[:16]}-{n}", "doc_key": key, "sentence_index": e["sentence_index"],
        **_actor_fields("source", e["source"]), **_actor_fields("target", e["target"]),
        "cameo": e["cameo"], "root": e["root"], "quad_class": e["quad_class"],
        "goldstein": e["goldstein"], "plover_type": plover.get("type"),
        "plover_mode": plover.get("mode"), "negated": e["negated"],
        "context": ",".join(e.get("context") or []), "date": e["date"],
        "date_granularity": e["date_granularity"], "date_source": e.get("date_source"),
        "event_day": period_start(e["date"], e["date_granularity"]),
        "location_name": loc.get("name"), "location_country": loc.get("country"),
        "location_admin1": loc.get("admin1"), "latitude": loc.get("latitude"),
        "longitude": loc.get("longitude"), "geonames_id": loc.get("geonames_id"),
        "trigger": e["trigger"], "start": e["start"], "end": e["end"],
        "confidence": e["confidence"], "rule": e.get("rule"), "sentence": e["sentence"],
        "location_full_name": loc.get("full_name"), "location_feature": loc.get("feature"),
        "location_admin2": loc.get("admin2"), "location_source": loc.get("source"),
        "location_granularity": loc.get("granularity")}


def _quote_row(key: str, n: int, q: dict) -> dict:
    sp = q.get("speaker") or {}
    return {"doc_key": key, "quote_index": n, "text": q["text"], "kind": q["kind"],
            "speaker_text": sp.get("text"), "speaker_name": sp.get("name"),
            "speaker_code": sp.get("code"), "speaker_country": sp.get("country"),
            "cue": q.get("cue"), "addressee": q.get("addressee"),
            "sentence_index": q["sentence_index"], "start": q["start"], "end": q["end"]}


def rows_for(key: str, inp: InputDocument | None, result: dict | Failure,
             now: dt.datetime) -> Rows:
    """The rows one document adds to each table (a result is Extraction.to_dict() + sentences)."""
    if isinstance(result, Failure):
        return {"documents": [{"doc_key": key, "doc_id": result.doc_id, "origin": result.origin,
                               "status": result.status, "reason": result.reason, "n_events": 0,
                               "n_quotes": 0, "ingested_at": now}]}
    doc = {"doc_key": key, "doc_id": result["doc_id"],
           "published": period_start(result.get("published"), "day"),
           "url": result.get("url"), "title": result.get("title"), "outlet": _outlet(result.get("url")),
           "origin": inp.origin if inp else None, "status": "stored", "reason": None,
           "n_events": len(result["events"]), "n_quotes": len(result["quotes"]), "ingested_at": now}
    return {"documents": [doc],
            "sentences": [{"doc_key": key, "sentence_index": i, "text": s}
                          for i, s in enumerate(result.get("sentences", []))],
            "actors": [{"doc_key": key, **a} for a in result.get("actors", [])],
            "events": [_event_row(key, n, e) for n, e in enumerate(result["events"])],
            "quotes": [_quote_row(key, n, q) for n, q in enumerate(result["quotes"])]}
