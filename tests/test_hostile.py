"""Hostile input: 200+ files of every kind real corpora hold. Nothing crashes, every file is
either extracted or named with a reason, and the store's counts add up to the files."""
import duckdb
from conftest import run_cli
from hostile import build

from dyadwatch.engines.local import ingest


def test_hostile_corpus_is_accounted_for(tmp_path):
    folder = tmp_path / "hostile"
    files = build(folder)
    assert files >= 200
    db = tmp_path / "h.duckdb"
    report = ingest([str(folder)], str(db))
    con = duckdb.connect(str(db), read_only=True)
    by_status = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY 1").fetchall())
    assert sum(by_status.values()) == files == report.stored + report.skipped + report.failed
    assert by_status["stored"] >= 60 and by_status["skipped"] >= 15
    reasons = [r for (r,) in con.execute("SELECT reason FROM documents WHERE status <> 'stored'").fetchall()]
    assert all(reasons)
    # the script content of an HTML page never becomes an event
    assert not con.execute("SELECT count(*) FROM events WHERE sentence LIKE '%invaded France%'").fetchone()[0]
    # no sentence, however long the run without a full stop, is handed on whole
    longest = con.execute("SELECT max(length(text)) FROM sentences").fetchone()[0]
    assert longest <= 2_100
    # the CLI over the same folder: exit 0, every failure named on stderr
    out = run_cli("extract", str(folder), "--format", "jsonl")
    assert out.returncode == 0
    err = out.stderr.decode()
    assert err.count("dyadwatch: failed ") + err.count("dyadwatch: skipped ") == \
        by_status["failed"] + by_status["skipped"]
