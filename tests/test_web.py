"""The web dashboard's JSON API: one count everywhere, the article with its marks, literal
search, validation, safety headers, offline docs, and OpenAPI fuzzing with schemathesis.
The browser tests are in test_dashboard.py."""
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from dyadwatch.web.app import STATIC, create_app
from web_store import build_store

EXAMPLES_PER_OPERATION = 30


@pytest.fixture(scope="session")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.getbasetemp() / "web-store")


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(str(db)))


def _busiest_pair(client):
    d = client.get("/api/dyads").json()[0]
    return d["a"], d["b"]


def test_counts_agree_between_listing_and_header(client):
    summary = client.get("/api/summary").json()
    everything = client.get("/api/events", params={"limit": 1}).json()
    assert everything["total"] == summary["events"] < summary["mentions"]
    assert summary["reports"] >= summary["events"] and summary["outlets"] >= 2
    raw = client.get("/api/events", params={"limit": 1, "mentions": True}).json()
    assert raw["total"] == summary["mentions"]


def test_a_bar_counts_what_its_click_lists(client):
    a, b = _busiest_pair(client)
    for mentions in (False, True):
        series = client.get("/api/relations", params={"a": a, "b": b, "by": "year",
                                                       "mentions": mentions}).json()
        for row in series:
            year = row["period"][:4]
            listed = client.get("/api/events", params={
                "source": a, "target": b, "dyad": True, "since": f"{year}-01-01",
                "until": f"{year}-12-31", "mentions": mentions, "limit": 500}).json()
            assert listed["total"] == row["events"] == len(listed["rows"])


def test_a_group_expands_to_its_reports(client):
    rows = client.get("/api/events", params={"limit": 100}).json()["rows"]
    group = max(rows, key=lambda r: r["num_mentions"])
    assert group["num_mentions"] > 1 and group["cameo_name"] and group["quad_name"]
    reports = client.get(f"/api/events/{group['group_id']}/reports").json()
    assert len(reports) == group["num_mentions"]


def test_article_view_marks_sentence_trigger_and_actors(client):
    hit = client.get("/api/search", params={"q": "recalled its ambassador"}).json()["rows"][0]
    doc = client.get(f"/api/documents/{hit['doc_key']}").json()
    assert doc["events"]
    for event in doc["events"]:
        sentence = doc["sentences"][event["sentence_index"]]
        marks = {kind: sentence[s:e] for s, e, kind in event["marks"]}
        assert marks["trigger"] == event["trigger"] and marks["source"] == event["source_text"]
        assert event["cameo_name"] and event["quad_name"]
    known = [i for i, start in enumerate(doc["sentence_starts"]) if start is not None]
    assert len(known) >= len(doc["sentences"]) // 2
    for i in known:  # an actor's stored offset lands on its text
        for s, e, kind, label in doc["actor_marks"].get(str(i), []):
            assert kind == "actor" and doc["sentences"][i][s:e].strip()
    assert doc["quotes"] and doc["title"] == "Sample article"


def test_search_is_literal_and_paged(client):
    assert client.get("/api/search", params={"q": "__"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "%%"}).json()["total"] == 0
    page = client.get("/api/search", params={"q": "the", "limit": 5, "offset": 5}).json()
    assert page["total"] > 10 and len(page["rows"]) == 5
    assert client.get("/api/events", params={"source": "%"}).status_code == 422


def test_speakers_leave_out_bare_pronouns(client):
    names = [s["speaker"].lower() for s in client.get("/api/speakers").json()["speakers"]]
    assert names and not {"she", "he", "who", "they"} & set(names)


def test_bad_dates_and_limits_get_clear_messages(client):
    r = client.get("/api/events", params={"since": "2022-02-30"})
    assert r.status_code == 422 and "not a calendar date" in r.json()["detail"]
    assert client.get("/api/events", params={"limit": 501}).status_code == 422
    assert client.get("/api/events", params={"root": "1; DROP TABLE events"}).status_code == 422
    assert client.get("/api/documents/nope").status_code == 404


def test_safety_headers_gzip_and_offline_docs(client):
    evil = client.get("/api/search", params={"q": "pwned"}).json()["rows"]
    assert any("<script>" in h["text"] for h in evil)
    for name in ("app.js", "util.js", "article.js"):
        js = (STATIC / name).read_text()
        assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js
    for path in ("/", "/static/index.html", "/docs"):
        assert "default-src 'self'" in client.get(path).headers["content-security-policy"], path
    docs = client.get("/docs").text
    assert "/vendor/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/vendor/swagger/swagger-ui-bundle.js").status_code == 200
    plotly = client.get("/vendor/plotly.min.js", headers={"Accept-Encoding": "gzip"})
    assert plotly.headers["content-encoding"] == "gzip"
    assert int(plotly.headers["content-length"]) < 2_000_000


def test_token_is_required_when_set(db):
    guarded = TestClient(create_app(str(db), token="s3cret"))
    assert guarded.get("/api/summary").status_code == 401
    assert guarded.get("/static/index.html").status_code in (200, 401)
    assert guarded.get("/api/summary", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert guarded.get("/api/summary", params={"token": "s3cret"}).status_code == 200


def test_a_store_being_written_is_named(db, tmp_path):
    """`ingest` writing the file in another process: serve says so instead of a traceback."""
    import subprocess
    import sys

    from dyadwatch.storage.store import StoreUnusable

    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    writer = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; "
                               f"c = duckdb.connect({str(copy)!r}); print('ready', flush=True); "
                               "sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        with pytest.raises(StoreUnusable, match="in use by another process"):
            create_app(str(copy))
    finally:
        writer.communicate("", timeout=30)
    assert TestClient(create_app(str(copy))).get("/api/summary").status_code == 200


def test_openapi_fuzzing_finds_no_server_error(db):
    """schemathesis generates requests from the OpenAPI spec for every operation: no 5xx."""
    from schemathesis.checks import not_a_server_error

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(str(db)))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(checks=[not_a_server_error])

        check()


def test_answers_are_cached_while_the_store_file_is_unchanged(db, tmp_path):
    import os

    copy = tmp_path / "cached.duckdb"
    copy.write_bytes(db.read_bytes())
    cached = TestClient(create_app(str(copy), token="s3cret"))
    auth = {"Authorization": "Bearer s3cret"}
    first = cached.get("/api/events", params={"limit": 5}, headers=auth)
    again = cached.get("/api/events", params={"limit": 5}, headers=auth)
    assert "x-cache" not in first.headers and again.headers["x-cache"] == "hit"
    assert again.json() == first.json()
    assert "x-cache" not in cached.get("/api/events", params={"limit": 6}, headers=auth).headers
    assert cached.get("/api/events", params={"limit": 5}).status_code == 401  # no token, no cache
    assert cached.get("/api/events", params={"limit": 5, "token": "bad"}).status_code == 401
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # the file changed: asked anew
    assert "x-cache" not in cached.get("/api/events", params={"limit": 5}, headers=auth).headers
    assert cached.get("/api/events", params={"since": "2022-02-30"}, headers=auth).status_code == 422
    assert "x-cache" not in cached.get("/api/events", params={"since": "2022-02-30"}, headers=auth).headers
    uncached = TestClient(create_app(str(copy), cache_entries=0))
    uncached.get("/api/summary")
    assert "x-cache" not in uncached.get("/api/summary").headers


def test_cache_is_bounded_and_one_request_answers_those_that_wait():
    import asyncio

    from dyadwatch.web.cache import ResponseCache

    calls = []

    async def app(scope, receive, send):
        calls.append(scope["query_string"])
        await asyncio.sleep(0.01)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"x" * 100})

    cache = ResponseCache(app, stamp=lambda: (1,), allowed=lambda scope: True, max_entries=3,
                          max_bytes=1000)

    async def get(query: bytes) -> bytes:
        sent = []

        async def send(message):
            sent.append(message)
        await cache({"type": "http", "method": "GET", "path": "/api/x", "query_string": query,
                     "headers": []}, None, send)
        return sent[-1]["body"]

    async def scenario():
        bodies = await asyncio.gather(*(get(b"a=1") for _ in range(20)))
        assert calls == [b"a=1"] and set(bodies) == {b"x" * 100}
        for q in (b"a=2", b"a=3", b"a=4"):
            await get(q)
        assert list(cache.entries) == [("/api/x", q, False) for q in (b"a=2", b"a=3", b"a=4")]
        assert cache.size == 300
        cache.max_entries, cache.max_bytes = 10, 450  # bounded by bytes: the oldest goes
        await get(b"a=5")
        await get(b"a=6")
        assert [k[1] for k in cache.entries] == [b"a=3", b"a=4", b"a=5", b"a=6"]
        assert cache.size == 400
    asyncio.run(scenario())


def test_fast_paths_answer_as_the_plain_queries(db):
    from dyadwatch.storage import dedup, queries
    from dyadwatch.web.served import open_served

    con, _ = open_served(str(db), None)
    for which in (queries.EventFilter(), queries.EventFilter(root="19"),
                  queries.EventFilter(source="USA", target="RUS", dyad=True)):
        for by_weight in (False, True):
            assert dedup.list_groups(con, which, 500, 0, by_weight, listing=True) == \
                dedup.list_groups(con, which, 500, 0, by_weight)
        counted = dedup.count_groups(con, which)
        con.execute("CREATE OR REPLACE TABLE em AS SELECT * FROM event_mentions")
        con.execute("CREATE OR REPLACE TABLE event_mentions AS SELECT event_id, group_id FROM em")
        assert dedup.count_groups(con, which) == counted  # groups stored without outlets
        con.execute("CREATE OR REPLACE TABLE event_mentions AS SELECT * FROM em")
    for q, offset in (("the", 0), ("the", 5), ("the", 10**6), ("zzzz", 0)):
        assert queries.search_page(con, q, 7, offset) == \
            (queries.count_search(con, q), queries.search(con, q, 7, offset))
