"""The DuckDB store end to end: ingest, idempotence, a killed run, de-duplication, queries,
exports and the chart."""
import json
import os
import re
import signal
import subprocess
import sys
import time

import duckdb
import pyarrow.parquet as pq
import pytest
from conftest import run_cli

from dyadwatch.engines.local import ingest
from dyadwatch.io import synth
from dyadwatch.storage.dedup import DedupCriteria, deduplicate
from dyadwatch.storage.exports import GDELT_COLUMNS
from dyadwatch.storage.store import Store

TABLES = ("documents", "sentences", "actors", "events", "quotes")


def counts(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def fingerprint(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute("SELECT doc_key, cameo, source_code, target_code, sentence "
                                  "FROM events").fetchall())
    finally:
        con.close()


@pytest.fixture(scope="module")
def five_events(tmp_path_factory):
    """50 articles: 5 events, each told by 10 outlets in different words."""
    import random

    rng = random.Random(3)
    truth = [synth.TrueEvent(f"k{i}", s, t, root, day) for i, (s, t, root, day) in enumerate([
        ("USA", "RUS", "16", "2021-03-10"), ("CHN", "JPN", "11", "2021-05-04"),
        ("TUR", "ARM", "19", "2021-07-21"), ("DEU", "UKR", "07", "2021-09-15"),
        ("IRN", "ISR", "11", "2021-11-02")])]
    docs = [synth.article(ev, outlet, n, rng) for ev in truth
            for n, outlet in enumerate(synth.OUTLETS)]
    path = tmp_path_factory.mktemp("five") / "fifty.jsonl"
    synth.write_jsonl(docs, str(path))
    return path, truth


def test_ingest_is_idempotent_and_keeps_failures(tmp_path, five_events):
    path, _ = five_events
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "x", "text": \n{"id": "y", "text": ""}\n')
    db = tmp_path / "s.duckdb"
    first = ingest([str(path), str(bad)], str(db))
    assert (first.stored, first.failed) == (50, 2)
    before = counts(db)
    assert before["documents"] == 52 and before["events"] >= 50 and before["sentences"] >= 150
    again = ingest([str(path), str(bad)], str(db), workers=2)
    assert again.stored == 0 and again.already_stored == 52
    assert counts(db) == before


def test_five_events_in_fifty_articles_deduplicate_to_five(tmp_path, five_events):
    path, truth = five_events
    db = tmp_path / "d.duckdb"
    ingest([str(path)], str(db))
    con = Store.open(db=str(db), read_only=False).con
    assert deduplicate(con, DedupCriteria(window_days=3)) == 5
    groups = con.execute("SELECT source, target, root, first_day, num_mentions, num_articles, "
                         "num_sources FROM event_groups ORDER BY first_day").fetchall()
    want = [(t.source, t.target, t.root, t.day, 10, 10, 10) for t in truth]
    assert [(s, t, r, str(d), m, a, o) for s, t, r, d, m, a, o in groups] == want
    # the raw mentions stay queryable, each linked to its event
    assert con.execute("SELECT count(DISTINCT group_id), count(*) FROM event_mentions").fetchone() == (5, 50)
    # a zero-day window splits reports dated on different days no further than the truth
    assert deduplicate(con, DedupCriteria(window_days=0)) == 5


def test_relations_events_exports_and_plot(tmp_path, five_events):
    path, _ = five_events
    db = tmp_path / "r.duckdb"
    ingest([str(path)], str(db))
    out = run_cli("relations", "USA", "RUS", "--db", str(db), "--format", "json")
    assert out.returncode == 0, out.stderr
    [row] = json.loads(out.stdout)
    assert row["events"] == 1 and row["material_conflict"] == 1 and row["share_of_all_events"] == 1.0
    mentions = json.loads(run_cli("relations", "USA", "RUS", "--db", str(db), "--mentions",
                                  "--format", "json").stdout)
    assert mentions[0]["events"] == 10
    listed = json.loads(run_cli("events", "--db", str(db), "--source", "USA", "--target", "RUS",
                                "--root", "16", "--since", "2021-01-01", "--format", "json").stdout)
    assert len(listed) == 10 and all(e["sentence"] and e["doc_id"] for e in listed)
    gdelt = tmp_path / "events.tsv"
    assert run_cli("export", "--db", str(db), "--format", "gdelt", "--out", str(gdelt)).returncode == 0
    rows = [line.split("\t") for line in gdelt.read_text().splitlines()]
    assert len(rows) == 5 and all(len(r) == len(GDELT_COLUMNS) == 61 for r in rows)
    # the group's best mention names it: "The United States" (USA) or "the American
    # government" (USAGOV)
    usa = next(r for r in rows if r[GDELT_COLUMNS.index("Actor1Code")].startswith("USA"))
    assert usa[GDELT_COLUMNS.index("Actor1CountryCode")] == "USA"
    assert usa[GDELT_COLUMNS.index("EventRootCode")] == "16"
    assert usa[GDELT_COLUMNS.index("NumArticles")] == "10"
    parquet = tmp_path / "events.parquet"
    run_cli("export", "--db", str(db), "--out", str(parquet))
    assert pq.read_table(parquet).num_rows == counts(db)["events"]
    plover = tmp_path / "plover.jsonl"
    run_cli("export", "--db", str(db), "--format", "plover", "--out", str(plover))
    first = json.loads(plover.read_text().splitlines()[0])
    assert first["event"] and first["actor_country"] and first["text"]
    chart = tmp_path / "chart.png"
    assert run_cli("plot", "USA", "RUS", "--db", str(db), "--out", str(chart)).returncode == 0
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_killed_ingest_resumes_to_the_same_rows(tmp_path):
    docs = synth.corpus(600, 3, seed=11)
    path = tmp_path / "many.jsonl"
    synth.write_jsonl(docs, str(path))
    clean = tmp_path / "clean.duckdb"
    ingest([str(path)], str(clean))
    killed = tmp_path / "killed.duckdb"
    cmd = [sys.executable, "-m", "dyadwatch", "ingest", str(path), "--db", str(killed)]
    # killed once its progress bar has passed the first written batch (256 documents), however
    # long the start-up takes on this machine
    proc = subprocess.Popen(cmd + ["--progress"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    seen, done = b"", 0
    deadline = time.monotonic() + 300
    while done < 300 and time.monotonic() < deadline and proc.poll() is None:
        seen = (seen + os.read(proc.stderr.fileno(), 4096))[-200:]
        done = max([done] + [int(n) for n in re.findall(rb"(\d+)doc", seen)])
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = counts(killed)["documents"] if killed.exists() else 0
    if not 0 < partial < counts(clean)["documents"]:
        pytest.skip(f"the ingest was killed with {partial} documents stored, not half-way")
    subprocess.run(cmd, check=True, capture_output=True)
    assert counts(killed) == counts(clean)
    assert fingerprint(killed) == fingerprint(clean)
