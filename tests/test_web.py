"""The web dashboard: JSON API, safety, OpenAPI fuzzing with schemathesis, and a real
browser (Debian's chromium driven by Playwright; skipped where it is not installed)."""
import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from dyadwatch.engines.local import ingest
from dyadwatch.web.app import STATIC, create_app

CHROMIUM = "/usr/bin/chromium"
EXAMPLES_PER_OPERATION = 30
ROOT = Path(__file__).resolve().parents[1]
EVIL = ("<script>window.pwned = true; alert('x')</script> Germany imposed sanctions on Iran on "
        "Monday. <img src=x onerror=\"window.pwned=true\"> Iran condemned <b>Germany</b>.")


@pytest.fixture(scope="module")
def db(tmp_path_factory, shared):
    folder = tmp_path_factory.mktemp("web")
    docs = folder / "docs.jsonl"
    seed = json.loads((shared / "gold" / "seed.jsonl").read_text(encoding="utf-8").splitlines()[0])
    docs.write_text(json.dumps({"id": seed["id"], "text": seed["text"], "published": seed["published"],
                                "url": "https://example.org/geneva"}) + "\n"
                    + json.dumps({"id": "evil", "text": EVIL, "published": "2025-03-05"}) + "\n")
    path = folder / "seed.duckdb"
    ingest([str(docs)], str(path))
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(str(db)))


def test_api_answers_the_dashboard_questions(client):
    assert client.get("/api/summary").json()["documents"] == 2
    dyads = client.get("/api/dyads").json()
    assert {"a": "RUS", "b": "USA"} in [{"a": d["a"], "b": d["b"]} for d in dyads]
    series = client.get("/api/relations", params={"a": "USA", "b": "RUS", "by": "month"}).json()
    assert any(r["period"] == "2021-04-01" and r["material_conflict"] >= 1 for r in series)
    events = client.get("/api/events", params={"source": "USA", "target": "RUS", "root": "16"}).json()
    assert events[0]["sentence"].startswith("The United States announced sweeping sanctions")
    assert client.get("/api/quotes", params={"speaker": "Peskov"}).json()
    assert client.get("/api/network").json()["edges"]
    hits = client.get("/api/search", params={"q": "sweeping sanctions"}).json()
    assert hits and client.get(f"/api/documents/{hits[0]['doc_key']}").json()["sentences"]


def test_limits_validation_and_escaping(client, db):
    assert client.get("/api/events", params={"limit": 501}).status_code == 422
    assert client.get("/api/events", params={"root": "1; DROP TABLE events"}).status_code == 422
    assert client.get("/api/search", params={"q": "' OR 1=1 --"}).status_code == 200
    assert client.get("/api/documents/nope").status_code == 404
    # article text comes back as data, and the page only ever sets textContent
    evil = client.get("/api/search", params={"q": "pwned"}).json()
    assert any("<script>" in h["text"] for h in evil)
    js = (STATIC / "app.js").read_text()
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js
    page = client.get("/")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/vendor/plotly.min.js").status_code == 200


def test_token_is_required_when_set(db):
    guarded = TestClient(create_app(str(db), token="s3cret"))
    assert guarded.get("/api/summary").status_code == 401
    assert guarded.get("/api/summary", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert guarded.get("/api/summary", params={"token": "s3cret"}).status_code == 200


def test_openapi_fuzzing_finds_no_server_error(db):
    """schemathesis generates requests from the OpenAPI spec for every operation: no 5xx."""
    from schemathesis.checks import not_a_server_error

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(str(db)))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(checks=[not_a_server_error])

        check()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(db):
    import uvicorn

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(5)


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed "
                    "(make test installs it with apt-get when run as root)")
def test_browser_shows_the_dyad_and_the_sanctions_sentence(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(server)
        page.wait_for_selector("body[data-ready='1']", timeout=20000)
        page.fill("#a", "USA")
        page.fill("#b", "RUS")
        page.click("#show")
        page.wait_for_selector("#chart .main-svg", timeout=20000)
        row = page.locator("#events tbody tr", has_text="announced sweeping sanctions in April") \
            .filter(has=page.locator("td", has_text="163"))
        row.first.wait_for(timeout=20000)
        assert "2021-04" in row.first.inner_text()
        assert row.first.locator("mark.trigger").inner_text() == "announced"
        assert row.first.locator("mark.source").inner_text() == "The United States"
        shot = ROOT / "docs" / "dashboard.png"
        shot.parent.mkdir(exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(shot), full_page=False)
        # the hostile article: its markup is shown as text, nothing runs
        page.fill("#q", "pwned")
        page.click("#search")
        page.locator("#hits tbody tr").first.wait_for(timeout=10000)
        assert "<script>" in page.locator("#hits").inner_text()
        assert page.evaluate("window.pwned") is None and not dialogs
        browser.close()
    assert shot.stat().st_size > 10_000
