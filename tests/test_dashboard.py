"""The dashboard in a real browser (Debian's chromium driven by Playwright) at a desktop
(1440x900) and a phone (390x844) size, on a store built from the package's own sample and
synthetic articles. Skipped, saying why, where chromium is not installed (`make browser`).

Set DYADWATCH_SCREENSHOTS=1 to write the screenshots in docs/ the README shows."""
import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from dyadwatch.web.app import create_app
from web_store import build_store, serve

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[1]
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
QUAD_KEYS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not "
                                "installed (make test installs it with apt-get when run as root)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build_store(tmp_path_factory.getbasetemp() / "web-store")
    base, srv = serve(create_app(str(db)))
    yield base
    srv.should_exit = True


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture(params=list(SIZES))
def page(request, browser, server):
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.size_name = request.param
    page.base = server
    yield page
    context.close()


def wait_for(page, expression, timeout=20000):
    """Poll a JavaScript expression from outside the page (the page's CSP forbids eval)."""
    for _ in range(timeout // 100):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def ready(page, query=""):
    page.goto(page.base + query)
    page.wait_for_selector("body[data-ready='1']", timeout=30000)
    wait_for(page, "!document.querySelector('.status.loading')", timeout=30000)


def shown_count(page) -> int:
    wait_for(page, "!document.querySelector('#events-status.loading')", timeout=20000)
    return int(page.inner_text("#events-status").split()[0])


def no_overflow(page):
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    right = page.evaluate("""Math.max(...[...document.querySelectorAll('input,select,button,td')]
        .filter((e) => e.offsetParent && !e.closest('.scroll, dialog:not([open])'))
        .map((e) => e.getBoundingClientRect().right))""")
    assert right <= width + 1


def test_a_bar_counts_the_events_its_click_lists(page):
    ready(page)
    a, b = page.evaluate("[new URLSearchParams(location.search).get('a'), new URLSearchParams(location.search).get('b')]")
    series = page.request.get(page.base + f"api/relations?a={a}&b={b}&by=month").json()
    # the largest bar segment, clicked in the chart
    box = page.evaluate("""(() => { let best = null;
        for (const p of document.querySelectorAll('#chart .trace.bars .point path')) {
          const r = p.getBoundingClientRect();
          if (r.width > 2 && r.height > 2 && (!best || r.height > best.height)) best = r; }
        return best && {x: best.x + best.width / 2, y: best.y + best.height / 2}; })()""")
    page.mouse.click(box["x"], box["y"])
    wait_for(page, "new URLSearchParams(location.search).has('since')")
    state = parse_qs(urlparse(page.url).query)
    row = next(r for r in series if r["period"] == state["since"][0])
    expected = row[QUAD_KEYS[int(state["quad_class"][0])]]
    assert shown_count(page) == expected == page.locator("#events tbody tr").count()
    assert page.input_value("#f-since") == state["since"][0] and page.input_value("#f-quad") == state["quad_class"][0]
    # the same through the table alternative, with the keyboard
    page.click("#series-box summary")
    button = page.locator("#series button[data-quad]").last
    wanted = int(button.inner_text())
    button.focus()
    page.keyboard.press("Enter")
    wait_for(page, f"new URLSearchParams(location.search).get('quad_class') == '{button.get_attribute('data-quad')}'"
                           f" && new URLSearchParams(location.search).get('since') == '{button.get_attribute('data-period')}'")
    assert shown_count(page) == wanted == page.locator("#events tbody tr").count()
    page.go_back()
    wait_for(page, f"new URLSearchParams(location.search).get('since') == '{state['since'][0]}'")
    assert shown_count(page) == expected
    assert not page.errors


def test_the_article_opens_from_an_event_a_quote_and_a_search_hit(page):
    ready(page, "?source=BLR")
    first = page.request.get(page.base + "api/events?source=BLR&limit=1").json()["rows"][0]
    page.locator("#events tbody button", has_text="read").first.click()
    focus = page.locator("#article-text p.focus")
    focus.wait_for(timeout=20000)
    assert focus.locator("mark.trigger").inner_text() == first["trigger"]
    assert first["source_text"] in focus.locator("mark.source").inner_text()
    assert first["sentence"] in focus.inner_text()
    assert page.locator("#article-events li").count() >= 1
    if page.size_name == "phone":
        no_overflow(page)
    shot(page, "article")
    page.click("#article-close")
    page.locator("#quotes tbody button").first.click()
    focus.wait_for(timeout=20000)
    said = page.locator("#quotes tbody tr").first.locator("td").nth(1).inner_text().strip("“”\n").split("\n")[0]
    assert said.strip("“”")[:20] in focus.inner_text()
    page.click("#article-close")
    page.fill("#q", "recalled its ambassador")
    page.press("#q", "Enter")  # a form: Enter submits
    wait_for(page, "document.querySelector('#search-status').textContent.includes('contain')")
    assert "recalled its ambassador" in page.inner_text("#search-status")
    page.locator("#hits tbody button").first.click()
    focus.wait_for(timeout=20000)
    assert focus.locator("mark.hit").first.inner_text().lower() == "recalled its ambassador"
    assert not page.errors


def test_nothing_is_cut_off_on_a_phone(page):
    ready(page)
    no_overflow(page)
    page.fill("#q", "sanctions")
    page.press("#q", "Enter")
    page.wait_for_selector("#hits tbody tr")
    no_overflow(page)
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "dashboard")


def test_empty_and_error_states_say_so(page):
    ready(page)
    page.fill("#q", "zqxjkv nothing")
    page.press("#q", "Enter")
    wait_for(page, "document.querySelector('#search-status').textContent.startsWith('No sentence')")
    assert page.locator("#hits tbody tr").count() == 0
    page.fill("#f-root", "")
    page.fill("#f-source", "ZZZ")
    page.press("#f-source", "Enter")
    wait_for(page, "document.querySelector('#events-status').textContent.startsWith('No ')")
    ready(page, "?since=2022-02-30")
    status = page.locator("#events-status")
    assert "error" in status.get_attribute("class") and "not a calendar date" in status.inner_text()
    assert not page.errors


def test_no_serious_accessibility_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    ready(page)
    serious = lambda: [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in Axe().run(page).response["violations"]
                       if v["impact"] in ("serious", "critical")]
    assert serious() == []
    page.locator("#events tbody button", has_text="read").first.click()
    page.wait_for_selector("#article-text p.focus")
    assert serious() == []


def shot(page, name):
    if os.environ.get("DYADWATCH_SCREENSHOTS"):
        suffix = "" if page.size_name == "desktop" else "-phone"
        page.screenshot(path=str(ROOT / "docs" / f"{name}{suffix}.png"), full_page=False)
