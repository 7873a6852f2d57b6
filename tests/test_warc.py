"""Web archives: `dyadwatch ingest` reads WARC and WARC.gz files (each HTML response an
article, other records skipped and counted, a truncated record reported with its offset)."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest import run_cli
from news_pages import pages, write_html_files, write_warc

from dyadwatch.engines.local import ingest
from dyadwatch.io.readers import read_inputs
from dyadwatch.records import Failure, InputDocument

BASE = "https://news.example"
ROW_TABLES = {"sentences": "doc_key, sentence_index", "actors": "doc_key, start, name",
              "events": "event_id", "quotes": "doc_key, quote_index"}


def _rows(db: Path, table: str, order: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """40 pages in a WARC.gz with 3 PDFs, 3 redirects and page 7's record cut short,
    ingested; and the same pages (less page 7) ingested as HTML files."""
    root = tmp_path_factory.mktemp("warc")
    items = pages(40)
    warc = root / "crawl.warc.gz"
    written = write_warc(warc, items, BASE, pdfs=3, redirects=3, truncate=7)
    write_html_files([p for i, p in enumerate(items) if i != 7], root / "html")
    warc_report = ingest([str(warc)], str(root / "warc.duckdb"))
    html_report = ingest([str(root / "html")], str(root / "html.duckdb"))
    return root, items, written, warc_report, html_report


def test_counts_of_stored_skipped_and_failed_add_up_to_the_responses(archive):
    root, _, written, report, _ = archive
    responses = written["html"] + written["pdf"] + written["redirect"] + 1  # + the truncated one
    assert (report.stored, report.skipped, report.failed) == (39, 6, 1)
    assert report.stored + report.skipped + report.failed == responses
    with duckdb.connect(str(root / "warc.duckdb"), read_only=True) as con:
        by_status = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY 1").fetchall())
        reasons = [r for (r,) in con.execute("SELECT reason FROM documents WHERE status <> 'stored'").fetchall()]
    assert by_status == {"stored": 39, "skipped": 6, "failed": 1}
    assert sum("not HTML (application/pdf)" in r for r in reasons) == 3
    assert sum("HTTP 301" in r and "redirect to" in r for r in reasons) == 3
    truncated = [r for r in reasons if "truncated or corrupt WARC record" in r]
    assert truncated == [f"truncated or corrupt WARC record at offset {written['truncated_offset']} "
                         f"(ArchiveLoadFailed: Invalid WARC record); the records after it are read"]


def test_rows_equal_an_ingest_of_the_same_pages_as_html_files(archive):
    root, *_ = archive
    for table, order in ROW_TABLES.items():
        from_warc, from_html = _rows(root / "warc.duckdb", table, order), _rows(root / "html.duckdb", table, order)
        assert from_warc == from_html, table
        if table in ("sentences", "events"):
            assert from_warc, table
    query = "SELECT doc_key, published, title, n_events, n_quotes FROM documents WHERE status = 'stored' ORDER BY 1"
    with duckdb.connect(str(root / "warc.duckdb"), read_only=True) as a, \
            duckdb.connect(str(root / "html.duckdb"), read_only=True) as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()


def test_each_article_keeps_its_target_uri_outlet_and_id(archive):
    root, items, *_ = archive
    with duckdb.connect(str(root / "warc.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT doc_id, url, outlet, origin FROM documents WHERE status = 'stored'").fetchall()
    by_id = {doc_id: (url, outlet, origin) for doc_id, url, outlet, origin in rows}
    first = items[0]
    url, outlet, origin = by_id[first["id"]]
    assert url == BASE + first["path"] and outlet == "news.example"
    assert origin.startswith(str(root / "crawl.warc.gz") + "@")


def test_ingesting_the_archive_again_adds_nothing(archive):
    root, *_ = archive
    again = ingest([str(root / "crawl.warc.gz")], str(root / "warc.duckdb"))
    assert again.stored == 0 and again.failed == 0 and again.already_stored == 46


def test_warc_date_is_the_fallback_published_date_and_plain_warc_is_read(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    undated = [{"path": f"/world/story-{n}.html",  # no date anywhere in the page
                "html": f"<html><body><article><p>Story {n}. The foreign minister of Chile met "
                        f"his Peruvian counterpart in Lima to discuss trade and the border.</p>"
                        f"<p>Both governments said the talks had been useful and would go on."
                        f"</p></article></body></html>"} for n in (1, 2)]
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for p in undated:
        payload = p["html"].encode()
        record = writer.create_warc_record(
            BASE + p["path"], "response", payload=io.BytesIO(payload),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": "2023-03-04T05:06:07Z"})
        writer.write_record(record)
    path = tmp_path / "plain.warc"
    path.write_bytes(out.getvalue())
    docs = list(read_inputs([str(tmp_path)], published="2020-01-01"))
    assert [type(d) for d in docs] == [InputDocument, InputDocument]
    assert {d.published for d in docs} == {"2023-03-04"}
    # cut the first record short: it is reported with offset 0, the second is still read
    data = out.getvalue()
    second = data.index(b"WARC/1.0", 10)
    path.write_bytes(data[:second // 2] + data[second:])
    docs = list(read_inputs([str(path)]))
    assert isinstance(docs[0], Failure) and "at offset 0" in docs[0].reason
    assert isinstance(docs[1], InputDocument) and docs[1].url == BASE + undated[1]["path"]


def test_failures_command_names_the_truncated_record_and_ingest_summary_counts(archive, tmp_path):
    root, *_ = archive
    out = run_cli("failures", "--db", str(root / "warc.duckdb"), "--format", "csv")
    assert out.returncode == 0
    text = out.stdout.decode()
    assert "truncated or corrupt WARC record at offset" in text
    assert "not HTML (application/pdf)" in text


def test_a_file_that_is_not_a_warc_fails_with_its_name(tmp_path):
    bad = tmp_path / "notes.warc.gz"
    bad.write_bytes(b"this is not an archive at all\n" * 10)
    docs = list(read_inputs([str(bad)]))
    assert len(docs) == 1 and isinstance(docs[0], Failure)
    assert docs[0].origin == str(bad) and docs[0].reason.startswith("not a WARC file")
