"""Issue 18: fifteen faults found by trying to break dyadwatch. Nothing lost, nothing
doubled, nothing hangs; each test reproduces the input that broke it."""
import codecs
import hashlib
import io
import json
import os
import time

import duckdb
import pytest
from conftest import run_cli

from dyadwatch import pipeline as pipeline_module
from dyadwatch.engines.local import ingest
from dyadwatch.io import readers
from dyadwatch.io.encoding import decode
from dyadwatch.isodates import is_iso_day
from dyadwatch.records import Extraction, Failure, InputDocument
from dyadwatch.storage.exports import GDELT_COLUMNS, export_gdelt
from dyadwatch.storage.dedup import deduplicate
from dyadwatch.storage.lake import compact, write_partition
from dyadwatch.storage.schema import rows_for
from dyadwatch.storage.store import Store
from dyadwatch.text.segment import segments

GOOD = "Germany imposed sanctions on Iran on Monday. Iran condemned the decision."


def _read(tmp_path, name, content, **kw):
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    return list(readers.read_inputs([str(f)], warn=lambda m: None, **kw))


# 1. one bad record never stops a batch: any exception while coding a document is its failure
def test_an_exception_in_one_document_fails_that_document_only(pipeline, monkeypatch):
    analyse = pipeline._analyse

    def broken(inp, norm, doc):
        if inp.doc_id == "bad":
            raise OverflowError("date value out of range")
        return analyse(inp, norm, doc)

    monkeypatch.setattr(pipeline, "_analyse", broken)
    docs = [InputDocument(i, GOOD, "2021-06-11") for i in ("a", "bad", "b")]
    out = list(pipeline.process_many(docs))
    assert [type(r).__name__ for r in out] == ["Extraction", "Failure", "Extraction"]
    assert "OverflowError" in out[1].reason and out[1].doc_id == "bad"


def test_invalid_fields_fail_their_record_and_name_the_field(tmp_path):
    recs = [{"id": "p", "text": GOOD, "published": "9999-12-31"},
            {"id": "u", "text": GOOD, "url": "http://[2001:db8::1/news"},
            {"id": "n", "text": GOOD, "url": 12345}, {"id": "t", "text": GOOD, "title": ["a", "b"]},
            {"id": "g", "text": GOOD, "published": "garbage"},
            {"id": "ok", "text": GOOD, "published": "2021-06-11T08:00:00Z", "url": "https://x.org/a"}]
    got = {d.doc_id: d for d in _read(tmp_path, "f.jsonl", "\n".join(map(json.dumps, recs)),
                                      published="2020-01-01")}
    for doc_id, field in (("p", "published"), ("u", "url"), ("n", "url"), ("t", "title"),
                          ("g", "published")):
        assert isinstance(got[doc_id], Failure) and f"'{field}'" in got[doc_id].reason
    assert isinstance(got["ok"], InputDocument) and got["ok"].published.startswith("2021-06-11")


def test_a_bad_record_in_the_middle_stores_all_the_others(tmp_path):
    f = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": f"g{i}", "text": f"{GOOD} Report {i}."}) for i in range(12)]
    lines.insert(6, json.dumps({"id": "a", "text": "Russia will attack Ukraine tomorrow.",
                                "published": "9999-12-31"}))
    f.write_text("\n".join(lines) + "\n")
    db = tmp_path / "s.duckdb"
    out = run_cli("ingest", str(f), "--db", str(db))
    assert out.returncode == 0, out.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert dict(con.execute("SELECT status, count(*) FROM documents GROUP BY 1").fetchall()) == \
        {"stored": 12, "failed": 1}
    con.close()
    assert b"feed.jsonl:7" in out.stderr and b"9999-12-31" in out.stderr
    assert run_cli("ingest", str(f), "--db", str(tmp_path / "t.duckdb"), "--strict").returncode == 1


# 2. the lake never doubles a document, whatever partitions wrote it
def _doc_rows(key, n_events=1):
    ev = {"sentence": "S.", "sentence_index": 0, "source": {"code": "USA", "country": "USA"},
          "target": {"code": "RUS", "country": "RUS"}, "cameo": "112", "root": "11",
          "quad_class": 3, "goldstein": -2.0, "plover": {}, "negated": False, "date": "2021-06-11",
          "date_granularity": "day", "trigger": "accused", "start": 0, "end": 2, "confidence": 0.6}
    result = {"doc_id": key, "published": "2021-06-11", "events": [ev] * n_events, "quotes": [],
              "sentences": ["S."]}
    return rows_for(key, None, result, __import__("datetime").datetime(2021, 6, 12))


def _merged(keys):
    from dyadwatch.storage.schema import merge_rows

    return merge_rows(_doc_rows(k) for k in keys)


def test_overlapping_lake_partitions_count_each_document_once_and_compact(tmp_path):
    lake = str(tmp_path / "lake")
    write_partition(lake, "aaaa", _merged([f"k{i}" for i in range(150)]))
    write_partition(lake, "bbbb", _merged([f"k{i}" for i in range(250)]))  # the same 150 + 100
    # a half-written partition (killed before its documents file): never read
    write_partition(lake, "cccc", _merged(["k999"]))
    os.unlink(os.path.join(lake, "documents", "part-cccc.parquet"))
    want = {"documents": 250, "events": 250, "sentences": 250}
    con = Store.open(lake=lake).con
    assert {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in want} == want
    assert con.execute("SELECT count(*) FROM events JOIN documents USING (doc_key)").fetchone()[0] == 250
    kept = compact(lake)
    assert {t: kept[t] for t in want} == want
    assert len(list((tmp_path / "lake" / "documents").glob("*.parquet"))) == 1
    con = Store.open(lake=lake).con
    assert con.execute("SELECT count(*), count(DISTINCT doc_key) FROM documents").fetchone() == (250, 250)


def test_a_lake_path_with_a_quote_and_brackets_opens(tmp_path):
    lake = str(tmp_path / "it's [1]")
    write_partition(lake, "aaaa", _merged(["k1", "k2"]))
    assert Store.open(lake=lake).con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2


# 3. JSON Lines are cut at '\n' only
def test_jsonl_keeps_records_holding_line_separators(tmp_path):
    recs = [{"id": "a", "text": "Iran condemned\u2028Germany."}, {"id": "b", "text": "Next\u0085line."},
            {"id": "c", "text": GOOD}]
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n"
    got = _read(tmp_path, "f.jsonl", text)
    assert [d.doc_id for d in got] == ["a", "b", "c"] and all(isinstance(d, InputDocument) for d in got)
    assert got[2].origin.endswith(":3")


# 4. GDELT rows keep 61 fields; undated events are exported
def test_gdelt_export_escapes_breaks_and_handles_undated_events(tmp_path):
    db = str(tmp_path / "g.duckdb")
    rows = _doc_rows("key\tone")
    rows["documents"][0]["url"] = "http://x.org/a\tb"
    ev = rows["events"][0]
    ev.update(source_name="Vladimir\nPutin", event_day=None, date=None)
    rows["documents"][0]["published"] = None
    with Store.create(db) as store:
        store.write_batch([rows])
        deduplicate(store.con)
        out = tmp_path / "e.tsv"
        assert export_gdelt(store.con, str(out)) == 1
    lines = out.read_text().split("\n")[:-1]
    assert len(lines) == 1 and len(lines[0].split("\t")) == len(GDELT_COLUMNS)
    assert "VLADIMIR PUTIN" in lines[0]


# 5 and 8. nothing under a folder is passed over in silence; no read blocks or never ends
def test_unknown_suffixes_fifos_and_unreadable_folders_are_reported(tmp_path, monkeypatch):
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "b.jsonl.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "report.2021-06-11").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "locked").mkdir()
    (tmp_path / "ok.txt").write_text(GOOD)
    scandir = os.scandir

    def denied(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(readers.os, "scandir", denied)
    got = list(readers.read_inputs([str(tmp_path)], warn=lambda m: None))
    reasons = {os.path.basename(f.origin): f.reason for f in got if isinstance(f, Failure)}
    assert set(reasons) == {"a.json", "b.jsonl.gz", "report.2021-06-11", "pipe.txt", "locked"}
    assert "FIFO" in reasons["pipe.txt"] and "Permission denied" in reasons["locked"]
    assert [d.doc_id for d in got if isinstance(d, InputDocument)] == ["ok"]


def test_a_fifo_given_by_name_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    start = time.monotonic()
    out = run_cli("extract", str(tmp_path / "fifo"), "--strict")
    assert time.monotonic() - start < 120 and out.returncode == 1
    assert b"FIFO" in out.stderr and b"--special-files" in out.stderr


def test_stdin_is_read_up_to_the_cap(monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(readers.sys, "stdin", io.TextIOWrapper(io.BytesIO(b"y\n" * 100_000)))
    [failure] = list(readers.read_stdin(None, lambda m: None))
    assert isinstance(failure, Failure) and "too large" in failure.reason


def test_html_deeper_than_lxml_limit_keeps_every_paragraph(tmp_path):
    html = ("<html><body>" + "".join(f"<div><p>Paragraph {i} of the report.</p>" for i in range(600))
            + "</div>" * 600 + "</body></html>")
    [doc] = _read(tmp_path, "deep.html", html)
    assert doc.text.count("Paragraph") == 600


# 7. linear segmentation and a per-document time budget
def test_segmenting_a_run_of_dots_is_linear():
    start = time.monotonic()
    pieces = segments("." * 200_000)
    assert time.monotonic() - start < 1.0 and "".join(pieces) == "." * 200_000


def test_a_document_over_its_time_budget_fails_alone(pipeline, monkeypatch):
    analyse = pipeline._analyse

    def slow(inp, norm, doc):
        if inp.doc_id == "slow":
            time.sleep(5)
        return analyse(inp, norm, doc)

    monkeypatch.setattr(pipeline, "_analyse", slow)
    monkeypatch.setattr(pipeline_module, "TIME_BUDGET_SECONDS", 1)
    start = time.monotonic()
    out = list(pipeline.process_many([InputDocument(i, GOOD, "2021-06-11") for i in ("a", "slow", "b")]))
    assert time.monotonic() - start < 4.5
    assert isinstance(out[1], Failure) and "time budget" in out[1].reason
    assert isinstance(out[0], Extraction) and isinstance(out[2], Extraction)


# 9. read-only verbs never write
def test_relations_and_export_leave_the_store_file_as_it_was(tmp_path):
    db = tmp_path / "r.duckdb"
    with Store.create(str(db)) as store:
        store.write_batch([_doc_rows("k1"), _doc_rows("k2")])
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    out = run_cli("relations", "USA", "RUS", "--db", str(db), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["events"] == 1
    assert run_cli("export", "--db", str(db), "--format", "gdelt",
                   "--out", str(tmp_path / "g.tsv")).returncode == 0
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    from dyadwatch.cli.main import build_parser

    assert build_parser().parse_args(["relations", "A", "B", "--db", "x"]).regroup is False


# 10. bad dates are refused, never stored undated
def test_bad_dates_are_refused():
    assert not any(is_iso_day(v) for v in ("20220114", "2022-W02-5", "2022-13-45", "garbage"))
    for value in ("garbage", "2022-13-45", "20220114", "0001-01-01"):
        out = run_cli("extract", "-", "--published", value, stdin=GOOD.encode())
        assert out.returncode == 2 and b"--published" in out.stderr and b"Traceback" not in out.stderr


# 11. one stray byte does not re-decode a whole file
def test_one_stray_byte_stays_one_character():
    text = "“Quoted,” he said. " * 15_000
    data = text.encode("utf-8")
    data = data[:250_000] + b"\xe9" + data[250_000:]
    warnings = []
    decoded = decode(data, "f.txt", warnings.append)
    assert decoded.count("“") == 15_000 and "é" in decoded and "â€" not in decoded
    assert warnings and "250,000" in warnings[0]
    assert decode(codecs.BOM_UTF8 + b"plain", "g.txt", warnings.append) == "plain"


# 12. repeated CSV columns; --workers reaches the Dask engine
def test_csv_with_a_repeated_column_is_refused(tmp_path):
    [failure] = _read(tmp_path, "t.csv", "text,text\na,b\n")
    assert isinstance(failure, Failure) and "repeats 'text'" in failure.reason


def test_dask_engine_gets_the_workers(monkeypatch, tmp_path):
    from dyadwatch.cli.main import main
    from dyadwatch.engines import dask as dask_engine

    seen = {}

    def fake(paths, lake, scheduler, workers, *a, **kw):
        seen["workers"] = workers
        return {"documents": 0, "partitions": 0, "failed": 0, "skipped": 0, "failures": [],
                "documents_already_in_lake": 0}

    monkeypatch.setattr(dask_engine, "ingest_dask", fake)
    assert main(["ingest", str(tmp_path), "--engine", "dask", "--lake", str(tmp_path / "l"),
                 "--workers", "1"]) == 0
    assert seen["workers"] == 1


# 13. one sentence, no traceback
def test_store_and_option_errors_are_one_sentence(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store.create(str(db)) as store:
        store.write_batch([_doc_rows("k1")])
    for args, code in ((("events", "--db", str(db), "--since", "garbage"), 2),
                       (("events", "--db", str(db), "--limit", "-1"), 2)):
        out = run_cli(*args)
        assert out.returncode == code and b"Traceback" not in out.stderr, out.stderr
    truncated = tmp_path / "t.duckdb"
    truncated.write_bytes(db.read_bytes()[:5000])
    for verb in (("events",), ("serve", "--port", "0")):
        out = run_cli(*verb, "--db", str(truncated))
        assert out.returncode == 1 and b"not a readable dyadwatch store" in out.stderr, out.stderr
        assert b"Traceback" not in out.stderr
    holder = duckdb.connect(str(db))  # a writer holds the lock, as an ingest does
    try:
        out = run_cli("events", "--db", str(db))
        assert out.returncode == 1 and b"one writer" in out.stderr and b"Traceback" not in out.stderr
    finally:
        holder.close()


# 14. a long document is coded in bounded pieces, offsets into the whole text
def test_a_long_document_in_pieces_keeps_its_offsets(pipeline, monkeypatch):
    monkeypatch.setattr(pipeline_module, "PIECE_CHARS", 400)
    text = " ".join(f"Germany imposed sanctions on Iran on Monday, report {i}." for i in range(40))
    whole = pipeline.process(InputDocument("long", text, "2021-06-11"))
    assert isinstance(whole, Extraction) and len(whole.sentences) == 40
    assert [e.sentence_index for e in whole.events] == sorted(e.sentence_index for e in whole.events)
    for e in whole.events:
        assert text[e.start:e.end] in e.sentence and e.sentence == whole.sentences[e.sentence_index]
    for a in whole.actors:
        assert text[a.start:a.end] == a.text


# 6. a worker killed mid-run: noticed, its chunk retried, nothing hangs or is lost
def test_a_killed_worker_does_not_hang_the_ingest(tmp_path):
    import signal
    import threading

    import psutil

    from dyadwatch.io import synth

    path = tmp_path / "c.jsonl"
    synth.write_jsonl(synth.corpus(300, 3, seed=4), str(path))
    killed = []

    def kill_one():
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not killed:
            kids = [p for p in psutil.Process().children(recursive=True)
                    if p.memory_info().rss > 300e6]  # a worker with the model loaded
            if kids:
                time.sleep(1.0)
                os.kill(kids[0].pid, signal.SIGKILL)
                killed.append(kids[0].pid)
            time.sleep(0.2)

    threading.Thread(target=kill_one, daemon=True).start()
    db = tmp_path / "k.duckdb"
    report = ingest([str(path)], str(db), workers=2)
    assert killed, "no worker was killed"
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT doc_key) FROM documents").fetchone() == (300, 300)
    assert report.stored + report.failed == 300
