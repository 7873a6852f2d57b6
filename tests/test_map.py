"""The dashboard's map of where the selected events happened: `/api/places` counts the events
the listing counts, by place and QuadClass, and the page draws them on the bundled outline
map, loading nothing from the internet."""
import os

import pytest
from fastapi.testclient import TestClient
from test_locations_store import CALIFORNIA, GENEVA, IDLIB, document, event
from web_store import serve

from dyadwatch.storage.store import Store
from dyadwatch.web.app import create_app

CHROMIUM = "/usr/bin/chromium"


def _docs():
    """USA-RUS: two summits in Geneva (reported twice each), a threat with no place; TUR-SYR
    strikes in Idlib; MEX-USA talks in California."""
    docs = []
    for n, day in enumerate(("2021-06-16", "2021-09-01")):
        for outlet in range(2):
            text = f"USA and RUS met in Geneva ({n}, {outlet})."
            docs.append(document(text, day, [event("USA", "RUS", "04", day, GENEVA, text)]))
    text = "USA threatened RUS."
    threat = event("USA", "RUS", "13", "2021-07-01", None, text)
    threat["quad_class"] = 3
    docs.append(document(text, "2021-07-01", [threat]))
    for n in range(3):
        text = f"TUR struck SYR in Idlib ({n})."
        strike = event("TUR", "SYR", "19", f"2021-0{n + 4}-10", IDLIB, text)
        strike["quad_class"] = 4
        docs.append(document(text, f"2021-0{n + 4}-10", [strike]))
    text = "MEX and USA talked in California."
    docs.append(document(text, "2021-06-18", [event("MEX", "USA", "04", "2021-06-18", CALIFORNIA, text)]))
    return docs


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "map.duckdb"
    with Store.create(str(path)) as store:
        store.write_batch(_docs())
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(str(db)))


def test_places_of_a_dyad_count_what_the_listing_counts(client):
    dyad = {"source": "USA", "target": "RUS", "dyad": True}
    for mentions in (False, True):
        places = client.get("/api/places", params={**dyad, "mentions": mentions}).json()
        listed = client.get("/api/events", params={**dyad, "mentions": mentions}).json()
        assert places["located"] + places["unlocated"] == listed["total"]
        assert [p["name"] for p in places["places"]] == ["Geneva"]
        geneva = places["places"][0]
        assert geneva["country"] == "CHE" and geneva["granularity"] == "city"
        assert geneva["latitude"] == pytest.approx(46.2, abs=0.01)
        assert places["unlocated"] == 1  # the threat, with no place
    # two summits, each reported by two outlets: 2 events, 4 mentions
    assert client.get("/api/places", params=dyad).json()["places"][0]["events"] == 2
    assert client.get("/api/places", params={**dyad, "mentions": True}).json()["places"][0]["events"] == 4


def test_places_are_coloured_by_quad_class_and_filtered(client):
    strikes = client.get("/api/places", params={"source": "TUR"}).json()["places"]
    assert [(p["name"], p["events"], p["quad_class"], p["by_quad"]) for p in strikes] == \
        [("Idlib", 3, 4, {"4": 3})]
    assert strikes[0]["granularity"] == "region"
    spring = client.get("/api/places", params={"source": "TUR", "until": "2021-05-31"}).json()
    assert spring["located"] == 2
    everything = client.get("/api/places").json()["places"]
    assert [p["name"] for p in everything] == ["Idlib", "Geneva", "California"]


def test_places_reject_bad_filters(client):
    assert client.get("/api/places", params={"since": "2021-02-30"}).status_code == 422
    assert client.get("/api/places", params={"limit": 0}).status_code == 422


def test_the_world_outline_is_served_from_the_package(client):
    outline = client.get("/static/world_110m.json")
    assert outline.status_code == 200 and outline.json()["type"] == "Topology"


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed "
                    "(make test installs it with apt-get when run as root)")
def test_the_page_draws_the_dyads_places_offline(db):
    from playwright.sync_api import sync_playwright

    base, srv = serve(create_app(str(db)))
    outside = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith("data:")
                    else outside.append(r.url))
            page.goto(base + "?a=TUR&b=SYR")
            page.wait_for_selector("body[data-ready='1']", timeout=30000)
            page.wait_for_selector("#map .scattergeo .point", timeout=20000)
            page.wait_for_selector("#map .countries path", state="attached", timeout=20000)
            assert page.inner_text("#map-status").startswith("3 events placed at 1 place")
            assert page.locator("#map .scattergeo .point").count() == 1
            assert page.text_content("#places tbody td") == "Idlib, Syria"  # the table too
            page.goto(base + "?a=USA&b=RUS")
            page.wait_for_selector("body[data-ready='1']", timeout=30000)
            page.wait_for_function("document.querySelector('#map-status').textContent.includes('Geneva') || "
                                   "document.querySelector('#map-status').textContent.startsWith('2 events')")
            assert "1 without a place" in page.inner_text("#map-status")
            assert not errors
            browser.close()
    finally:
        srv.should_exit = True
    assert not outside, f"the page fetched from outside: {outside}"
