"""Browser tests: Debian's chromium, driven headless by Playwright, on the dashboard served by a
real uvicorn in a thread over a store built from the example reports.

Each page is loaded at 1280x800 and at 390x844 (phone), checked for horizontal overflow and
script errors, and saved as a screenshot under out/screenshots/.
"""
from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from storyline.api.app import create_app
from storyline.api.server import serving
from storyline.ingest.readers import read_inputs
from storyline.models import InputError
from storyline.runner import run
from storyline.store.db import Store
from storyline.stories import assign_reports

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "out" / "screenshots"
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"{CHROMIUM} not found: install it with .ci/install-browser.sh")


@pytest.fixture(scope="module")
def server(tmp_path_factory, examples_dir, pipeline):
    """Base URL of a server over the example reports (analysed by the real pipeline)."""
    db = tmp_path_factory.mktemp("web") / "examples.duckdb"
    records = [r for r in run(read_inputs([str(examples_dir)], published="2024-11-19"))
               if not isinstance(r, InputError)]
    with Store(db) as store:
        assign_reports(store, store.save(records).stored)
    app = create_app(db)
    with serving(app) as url:
        yield url
    app.state.store.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records script errors and missing assets; the test fails if any occurred.
    (API errors are the tests' business: the page shows them.)"""
    context = browser.new_context(viewport=dict(zip(("width", "height"), VIEWPORTS["desktop"])))
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.on("console", lambda msg: errors.append(msg.text)
         if msg.type == "error" and not msg.text.startswith("Failed to load resource") else None)
    p.on("response", lambda r: errors.append(f"{r.status} {r.url}")
         if r.status >= 400 and "/api/" not in r.url else None)
    yield p
    context.close()
    assert not errors, f"errors in the dashboard: {errors}"


def api(server: str, path: str) -> dict:
    with urllib.request.urlopen(server + "/api" + path) as response:
        return json.load(response)


def check_both_sizes(page, name: str, ready: str) -> None:
    """Screenshot the current page at each viewport; nothing may stick out sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_selector(ready)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name} at {width}x{height} scrolls sideways by {overflow}px"
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(dict(zip(("width", "height"), VIEWPORTS["desktop"])))


def test_story_event_report_click_through(server, page):
    story = api(server, "/reports/envoy-beirut")["story"]
    timeline = api(server, f"/stories/{story['id']}/timeline?per_page=500")["items"]
    dated = [e for e in timeline if e["date"]]

    page.goto(server + "/")
    page.click(f"#stories a[href='#/story/{story['id']}']")
    page.wait_for_selector("#timeline circle")
    assert page.locator("#timeline circle").count() == len(dated)
    assert page.locator("article.event").count() == len(timeline)
    first = timeline[0]
    card = page.locator(f"#event-{first['id']}")
    assert card.locator(".badge").inner_text() == first["event"]
    assert card.locator(".count").inner_text().startswith(str(first["corroboration"]))
    assert card.locator(".flag").count() == (1 if first["disputed"] else 0)
    assert card.locator(".sources li").count() == len(first["mentions"])
    # each mention shows the clause that states the event, its trigger marked
    said = first["mentions"][0]
    assert card.locator(".sources li blockquote").first.inner_text().strip() == said["text"].strip()
    assert card.locator(".sources li blockquote mark").first.inner_text() == said["event_text"]
    check_both_sizes(page, "story", "#timeline circle")

    # zooming in on the first day leaves only that day's events in view
    page.fill("#zoom-to", dated[0]["date"])
    page.dispatch_event("#zoom-to", "change")
    same_day = [e for e in dated if e["date"] <= dated[0]["date"]]
    assert page.locator("#timeline circle").count() == len(same_day)
    page.click("#zoom-reset")
    assert page.locator("#timeline circle").count() == len(dated)

    source = first["mentions"][0]
    card.locator("a.report-link").first.click()
    page.wait_for_selector("#highlight")
    assert page.locator("#report-title").inner_text() == source["title"]
    highlighted = page.locator("#highlight").inner_text()
    report_text = api(server, f"/reports/{source['report_id']}")["text"]
    assert report_text[source["start"]:source["end"]].strip() in highlighted
    assert page.locator("#highlight").is_visible()
    check_both_sizes(page, "report", "#highlight")


def test_badges_take_the_colour_of_their_api_quad(server, page):
    """Which quad a type is comes from the API; its colour is the stylesheet's --q<quad>."""
    quads = {t["type"]: t["quad"] for t in api(server, "/event-types")}
    page.goto(server + "/")
    page.wait_for_selector("#stories")
    for event in ("CONCEDE", "PROTEST", "SANCTION"):
        badge_colour, quad_colour = page.evaluate("""([event, quad]) => {
            const probe = document.createElement("div");
            probe.innerHTML = badge(event) + `<span class="q${quad}"></span>`;
            document.body.appendChild(probe);
            const colours = [...probe.children].map(el => getComputedStyle(el).backgroundColor);
            probe.remove();
            return colours;
        }""", [event, quads[event]])
        assert badge_colour == quad_colour, f"{event} is quad {quads[event]} in the API"


def test_actor_page_shows_network_matrix_and_quotes(server, page):
    actor = api(server, "/actors/Amos%20Hochstein")
    page.goto(server + "/#/actors")
    page.click("a[href='#/actor/Amos%20Hochstein']")
    page.wait_for_selector("#network circle")
    assert page.locator("#actor-name").inner_text() == "Amos Hochstein"
    counterparts = {p["name"] for p in actor["acts_on"] + actor["acted_on_by"]}
    assert page.locator("#network a").count() == len(counterparts)
    assert page.locator("#actor-quotes blockquote").count() == len(actor["quotes"]) > 0
    assert page.locator("#actor-evidence tbody tr").count() == len(actor["evidence"]) > 0
    check_both_sizes(page, "actor", "#network circle")


def test_disputes_page_matches_the_api(server, page):
    disputes = api(server, "/disputes")["items"]
    page.goto(server + "/#/disputes")
    page.wait_for_selector("main h1")
    assert page.locator("main h1").inner_text() == "Disputes"
    assert page.locator("article.dispute").count() == len(disputes)
    assert page.locator("article.dispute .side").count() == sum(len(d["sides"]) for d in disputes)
    shown = sum(len(side["mentions"]) for d in disputes for side in d["sides"])
    assert page.locator("article.dispute .side a.report-link").count() == shown
    if disputes:   # a claim stands in its sentence, the claim's own words marked
        claim = disputes[0]["sides"][0]["mentions"][0]
        quote = page.locator("article.dispute .side blockquote").first
        assert quote.inner_text().strip() == claim["sentence"] and quote.locator("mark").inner_text() == claim["text"]
    check_both_sizes(page, "disputes", "main h1")


def test_search_box_finds_reports_quotes_and_actors(server, page):
    page.goto(server + "/")
    page.fill("#search-input", "Hochstein")
    page.press("#search-input", "Enter")
    page.wait_for_selector("#search-reports li a")
    assert page.locator("#search-reports a[href='#/report/envoy-beirut']").count() == 1
    assert page.locator("#search-actors a[href='#/actor/Amos%20Hochstein']").count() == 1
    assert page.locator("#search-quotes blockquote").count() >= 1
    check_both_sizes(page, "search", "#search-reports li a")


def test_unknown_story_shows_the_api_error(server, page):
    page.goto(server + "/#/story/99999")
    page.wait_for_selector(".error")
    assert "no story with id 99999" in page.locator(".error").inner_text()
