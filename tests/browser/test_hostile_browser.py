"""The hostile corpus (tests/integration/hostile/) built, served under a sub-path and opened in headless Chromium.

Every payload tries to set ``window.__pwned``, open a dialog or add an element;
the test proves none of that happened on any page, in search results, or when
the payload's links are followed, and that no CSP violation was even attempted.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, serve

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

HOSTILE = ROOT / "tests" / "integration" / "hostile"
SUB_PATH = "evil"
# Anything the payloads could have added to a page.
INJECTED = ("script:not([src])", "img[src='x']", "[onerror]", "[onload]", "[onclick]", "a[href^='javascript:' i]",
            "iframe", "object", "embed", "base")
RECORD_DIALOGS = "window.__dialogs = []; for (const name of ['alert', 'confirm', 'prompt']) " \
                 "{ window[name] = (m) => { window.__dialogs.push(String(m)); }; }"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The hostile corpus built into <tmp>/evil/ and served: (base URL, site folder). Not --strict: the page
    that is only the payload is rightly warned of as not an abstract."""
    tmp = tmp_path_factory.mktemp("hostile-browser")
    shutil.copytree(HOSTILE, tmp / "content")
    build = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(tmp / "content"), "--out", str(tmp / SUB_PATH),
         "--config", str(tmp / "none.yml")], capture_output=True, text=True, check=False, cwd=tmp)
    assert build.returncode == 0, build.stderr
    assert "payload.txt:1: warning: does not read as an abstract" in build.stderr
    server, address = serve(tmp)
    yield f"{address}{SUB_PATH}/", tmp / SUB_PATH
    server.shutdown()


@pytest.fixture()
def visit(browser, hostile_site):
    """Opens a page of the hostile site, recording dialogs, page errors and console errors (CSP reports included)."""
    base, _ = hostile_site
    events: list[str] = []
    pages = []

    def opener(rel: str):
        page = browser.new_page()
        page.set_default_timeout(5000)
        page.add_init_script(RECORD_DIALOGS)
        page.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("pageerror", lambda exc: events.append(f"pageerror: {exc}"))
        page.on("console", lambda m: events.append(f"console: {m.text}")
                if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico") else None)
        page.goto(base + rel, wait_until="load")
        pages.append(page)
        return page

    yield opener, events
    for page in pages:
        page.close()


def assert_inert(page, events: list[str], where: str) -> None:
    """Nothing ran and nothing was injected on ``page``."""
    assert page.evaluate("() => window.__pwned") is None, where
    assert page.evaluate("() => window.__dialogs") == [], where
    found = page.evaluate("(selectors) => selectors.filter((s) => document.querySelector(s))", list(INJECTED))
    assert found == [], where
    assert events == [], where


def site_pages(folder: Path) -> list[str]:
    """Every HTML page of the site, as a URL relative to its root."""
    return sorted(p.relative_to(folder).as_posix().removesuffix("index.html")
                  for p in folder.rglob("*.html"))


def test_no_page_runs_a_payload(visit, hostile_site):
    opener, events = visit
    rels = site_pages(hostile_site[1])
    assert "studies/hostile-web.html" in rels and "compare/response/" in rels and "" in rels
    page = opener(rels[0])
    for rel in rels:
        page.goto(hostile_site[0] + rel, wait_until="load")
        assert_inert(page, events, rel or "home")
        # Focus every highlighted number: their tooltips show payload text too.
        page.evaluate("() => document.querySelectorAll('mark[data-kind], [tabindex]').forEach((m) => m.focus())")
        assert_inert(page, events, f"{rel} after focusing marks")


def test_payload_text_is_visible_as_text(visit):
    opener, events = visit
    page = opener("studies/hostile-web.html")
    expect(page.locator("h1")).to_contain_text("Evil <script>window.__pwned='title'</script> trial")
    expect(page.locator("body")).to_contain_text("{{ 7*7 }}")
    assert_inert(page, events, "study page")


@pytest.mark.parametrize("query", ["pwned", "script", "hostile carcinoma"])
def test_search_results_are_inert(visit, query):
    opener, events = visit
    page = opener("search/")
    expect(page.locator("#search[data-facets=ready]")).to_have_count(1)
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    expect(page.locator("#search-status")).to_contain_text(f"“{query}”")
    expect(page.locator("#search-results h3 a").first).to_be_visible()
    assert_inert(page, events, f"search {query}")
