"""Shared browser fixtures: the seeds built once, served under /litreview/, and one headless Chromium.

Debian's Chromium is driven by Playwright through ``executable_path``; no browser is downloaded.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SUB_PATH = "litreview"
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    if not CHROMIUM.exists():
        skip = pytest.mark.skip(reason="needs Chromium at /usr/bin/chromium (make test installs it)")
        for item in items:
            if "browser" in item.path.parts:
                item.add_marker(skip)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 from a thread: (server, base address)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The seeds built into <tmp>/litreview/ and served from <tmp>/ on 127.0.0.1: (address, folder)."""
    tmp = tmp_path_factory.mktemp("served")
    build = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(ROOT / "content"),
         "--out", str(tmp / SUB_PATH), "--config", str(ROOT / "site_config.yml")],
        capture_output=True, text=True, check=False, cwd=tmp)
    assert build.returncode == 0, build.stderr
    server, address = serve(tmp)
    yield f"{address}{SUB_PATH}/", tmp / SUB_PATH
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(served_site):
    """The site's address, ending in /litreview/."""
    return served_site[0]


@pytest.fixture(scope="session")
def site_dir(served_site):
    """The built site's folder."""
    return served_site[1]


@pytest.fixture(scope="session")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def is_favicon(url: str) -> bool:
    """Chromium asks the host's root for /favicon.ico on its own: outside the site under a sub-path."""
    return url.endswith("/favicon.ico")


@pytest.fixture()
def open_page(browser, base_url):
    """Opens a page of the site; console errors, page errors and failed requests fail the test."""
    pages, errors = [], []

    def opener(url: str, viewport: dict | None = None, **options):
        page = browser.new_page(viewport=viewport, **options) if viewport else browser.new_page(**options)
        page.set_default_timeout(5000)
        page.on("console", lambda m: errors.append(f"console: {m.text} {m.location.get('url')}")
                if m.type == "error" and not is_favicon(m.location.get("url", "")) else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
                if r.status >= 400 and not is_favicon(r.url) else None)
        page.goto(base_url + url)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
    assert errors == []


@pytest.fixture()
def serious_violations():
    """axe-core's serious and critical violations on a page, by rule id."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    axe = axe_module.Axe()

    def run(page) -> list[str]:
        results = axe.run(page)
        return [v["id"] for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]

    return run


@pytest.fixture()
def screenshot():
    """Saves a full-page screenshot to tests/browser/screenshots/<name>.png, for a person to look at."""
    def take(page, name: str) -> None:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take
