"""Where events happened, as the store keeps and exports it: the location's source and
granularity are stored, a store or lake written before they existed still opens (and a
writable one gains the columns), and the GDELT export fills its ActionGeo fields."""
import datetime as dt

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dyadwatch.storage.dedup import deduplicate
from dyadwatch.storage.exports import GDELT_COLUMNS, export
from dyadwatch.storage.lake import write_partition
from dyadwatch.storage.schema import (
    SCHEMA,
    SCHEMA_VERSION,
    content_key,
    merge_rows,
    rows_for,
)
from dyadwatch.storage.store import Store

NEW = {"location_full_name", "location_feature", "location_admin2", "location_source",
       "location_granularity"}
NOW = dt.datetime(2026, 11, 30, 12, 0)

GENEVA = {"name": "Geneva", "country": "CHE", "admin1": "GE", "admin2": None,
          "latitude": 46.20222, "longitude": 6.14569, "geonames_id": 2660646, "feature": "city",
          "full_name": "Geneva, Geneva, Switzerland", "source": "clause", "granularity": "city"}
IDLIB = {"name": "Idlib", "country": "SYR", "admin1": "12", "admin2": None, "latitude": 35.863,
         "longitude": 36.611, "geonames_id": None, "feature": "adm1", "full_name": "Idlib, Syria",
         "source": "sentence", "granularity": "region"}
CALIFORNIA = {"name": "California", "country": "USA", "admin1": "CA", "admin2": None,
              "latitude": 36.281, "longitude": -119.919, "geonames_id": None, "feature": "adm1",
              "full_name": "California, United States", "source": "dateline",
              "granularity": "region"}
RUSSIA = {"name": "Russia", "country": "RUS", "admin1": None, "admin2": None,
          "latitude": 55.75, "longitude": 37.62, "geonames_id": 2017370, "feature": "country",
          "full_name": "Russia", "source": "actor", "granularity": "country"}


def actor(code):
    return {"text": code, "name": code, "code": code, "country": code[:3], "sector": None}


def event(source, target, root, day, location, sentence):
    return {"sentence": sentence, "sentence_index": 0, "source": actor(source),
            "target": actor(target), "cameo": root + "0", "root": root, "quad_class": 1,
            "goldstein": 1.0, "plover": {"type": "CONSULT", "mode": None}, "negated": False,
            "context": [], "date": day, "date_granularity": "day", "date_source": "text",
            "location": location, "trigger": "met", "start": 0, "end": 5, "confidence": 0.9,
            "rule": "test"}


def document(text, day, events):
    key = content_key(text)
    result = {"doc_id": key[:8], "published": day, "url": f"https://example.org/{key[:8]}",
              "title": None, "events": events, "quotes": [], "actors": [], "sentences": [text]}
    return rows_for(key, None, result, NOW)


DOCS = [
    document("USA and RUS met in Geneva.", "2021-06-16",
             [event("USA", "RUS", "04", "2021-06-16", GENEVA, "USA and RUS met in Geneva.")]),
    document("TUR struck SYR in Idlib province.", "2021-06-17",
             [event("TUR", "SYR", "19", "2021-06-17", IDLIB, "TUR struck SYR in Idlib province.")]),
    document("MEX and USA talked.", "2021-06-18",
             [event("MEX", "USA", "04", "2021-06-18", CALIFORNIA, "MEX and USA talked.")]),
    document("UKR accused RUS.", "2021-06-19",
             [event("UKR", "RUS", "11", "2021-06-19", RUSSIA, "UKR accused RUS.")]),
    document("CHN met IND.", "2021-06-20",
             [event("CHN", "IND", "04", "2021-06-20", None, "CHN met IND.")]),
]


def old_columns(table):
    return [(n, t) for n, t in SCHEMA[table] if table != "events" or n not in NEW]


def write_old_file(path, docs):
    """A store file as the schema before location sources wrote it."""
    from dyadwatch.storage.schema import _SQL_TYPES

    con = duckdb.connect(str(path))
    for table in SCHEMA:
        cols = ", ".join(f'"{n}" {_SQL_TYPES[t]}' for n, t in old_columns(table))
        key = ", PRIMARY KEY (doc_key)" if table == "documents" else \
            ", PRIMARY KEY (event_id)" if table == "events" else ""
        con.execute(f"CREATE TABLE {table} ({cols}{key})")
        rows = [r for d in docs for r in d.get(table, [])]
        if rows:
            arrow = pa.Table.from_pylist(rows, schema=pa.schema(old_columns(table)))
            con.register("_rows", arrow)
            con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
            con.unregister("_rows")
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()


def gdelt_rows(store, tmp_path):
    deduplicate(store.con)
    out = tmp_path / "events.tsv"
    export(store.con, "gdelt", str(out))
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in
            out.read_text(encoding="utf-8").rstrip("\n").split("\n")]
    assert all(len(r) == 61 for r in rows)
    return {r["Actor1Code"] + r["Actor2Code"]: r for r in rows}


def test_location_source_and_granularity_are_stored(tmp_path):
    with Store.create(str(tmp_path / "s.duckdb")) as store:
        store.write_batch(DOCS)
        got = dict(store.con.execute(
            "SELECT location_name, location_source || '/' || location_granularity FROM events "
            "WHERE location_name IS NOT NULL").fetchall())
    assert got == {"Geneva": "clause/city", "Idlib": "sentence/region",
                   "California": "dateline/region", "Russia": "actor/country"}


def test_gdelt_export_fills_action_geo(tmp_path):
    with Store.create(str(tmp_path / "s.duckdb")) as store:
        store.write_batch(DOCS)
        rows = gdelt_rows(store, tmp_path)
    geneva = rows["USARUS"]
    assert (geneva["ActionGeo_Type"], geneva["ActionGeo_CountryCode"],
            geneva["ActionGeo_ADM1Code"], geneva["ActionGeo_FeatureID"]) == ("4", "SZ", "SZGE", "2660646")
    assert geneva["ActionGeo_FullName"] == "Geneva, Geneva, Switzerland"
    assert float(geneva["ActionGeo_Lat"]) == pytest.approx(46.2, abs=0.01)
    idlib = rows["TURSYR"]
    assert (idlib["ActionGeo_Type"], idlib["ActionGeo_CountryCode"], idlib["ActionGeo_ADM1Code"],
            idlib["ActionGeo_FeatureID"]) == ("5", "SY", "SY12", "SY12")
    state = rows["MEXUSA"]  # a US state: type 2, ADM1 as GDELT's USCA
    assert (state["ActionGeo_Type"], state["ActionGeo_ADM1Code"]) == ("2", "USCA")
    country = rows["UKRRUS"]  # a country: type 1, its FIPS code as ADM1 and feature id
    assert (country["ActionGeo_Type"], country["ActionGeo_CountryCode"],
            country["ActionGeo_ADM1Code"]) == ("1", "RS", "RS")
    nowhere = rows["CHNIND"]
    assert nowhere["ActionGeo_Type"] == "0" and nowhere["ActionGeo_Lat"] == ""


def test_an_old_store_file_opens_read_only_and_migrates_when_written(tmp_path):
    path = tmp_path / "old.duckdb"
    write_old_file(path, DOCS[:2])
    with Store.open(db=str(path), read_only=True) as store:  # never writes the file
        assert store.con.execute("SELECT count(*), count(location_source) FROM events"
                                 ).fetchone() == (2, 0)
        rows = gdelt_rows(store, tmp_path)  # exports what the old file has
        assert rows["USARUS"]["ActionGeo_CountryCode"] == "SZ"
    con = duckdb.connect(str(path), read_only=True)
    assert "location_source" not in {c for (c,) in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'events'").fetchall()}
    con.close()
    with Store.create(str(path)) as store:  # opened to write: the new columns are added
        store.write_batch(DOCS[2:])
        got = store.con.execute("SELECT location_name, location_source FROM events "
                                "ORDER BY event_day").fetchall()
        version = store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert got == [("Geneva", None), ("Idlib", None), ("California", "dateline"),
                   ("Russia", "actor"), (None, None)]
    assert version == (str(SCHEMA_VERSION),)


def test_a_snapshot_of_an_old_file_has_every_column(tmp_path):
    path = tmp_path / "old.duckdb"
    write_old_file(path, DOCS)
    with Store.open_snapshot(str(path)) as store:
        assert store.con.execute("SELECT count(*) FROM events WHERE location_granularity IS NULL "
                                 "AND location_name IS NOT NULL").fetchone() == (4,)


def test_a_lake_with_old_files_reads_by_name(tmp_path):
    lake = tmp_path / "lake"
    write_partition(str(lake), "new0", merge_rows(DOCS[2:]))
    # an older partition: its events files lack the new columns
    write_partition(str(lake), "old0", merge_rows(DOCS[:2]))
    for f in (lake / "events").rglob("part-old0.parquet"):
        table = pq.read_table(f)
        pq.write_table(table.drop_columns([c for c in table.column_names if c in NEW]), f)
    with Store.open(lake=str(lake)) as store:
        got = dict(store.con.execute("SELECT coalesce(location_name, '-'), location_source "
                                     "FROM events").fetchall())
    assert got == {"Geneva": None, "Idlib": None, "California": "dateline", "Russia": "actor",
                   "-": None}
