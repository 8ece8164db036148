"""Every page of the seeds' site in Chromium: no console error, no failed request, no serious or
critical accessibility violation (axe), and a screenshot of the home page."""

from __future__ import annotations

import pytest


def every_page(site_dir) -> list[str]:
    return sorted(p.parent.relative_to(site_dir).as_posix() + "/" if p.parent != site_dir else ""
                  for p in site_dir.rglob("index.html"))


def test_every_page_loads_cleanly_and_passes_axe(open_page, serious_violations, site_dir):
    pages = every_page(site_dir)
    assert len(pages) >= 20
    problems = []
    for url in pages:
        page = open_page(url)
        problems += [f"{url or 'home'}: {rule}" for rule in serious_violations(page)]
        page.close()
    assert problems == []


@pytest.mark.parametrize("name, options", [("home", {}), ("home-phone", {"viewport": {"width": 390, "height": 844}})])
def test_home_page_screenshot(open_page, serious_violations, screenshot, name, options):
    page = open_page("", **options)
    assert page.locator("h1").count() == 1
    assert page.locator("table.studies tbody tr").count() == 5
    assert serious_violations(page) == []
    if "viewport" in options:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, name)
