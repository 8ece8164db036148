"""An invented review (tests/browser/review/) built, served and used in headless Chromium as a reviewer would:
sorting in a common unit, the filter through synonyms, state kept in the URL, the forest plot following the
filter, one trial's two reports grouped and pooled once, and the review's own pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PHONE, is_favicon, serve

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=5000)

HERE = Path(__file__).resolve().parent
DESKTOP = {"width": 1366, "height": 900}
MEDIAN_OS = "#group-median-overall-survival-table"


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    """The invented review built into <tmp>/review/ and served: its address."""
    tmp = tmp_path_factory.mktemp("review")
    build = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(HERE / "review"), "--out", str(tmp / "review"),
         "--config", str(HERE / "review.yml")], capture_output=True, text=True, check=False, cwd=tmp)
    assert build.returncode == 0, build.stderr
    server, address = serve(tmp)
    yield f"{address}review/"
    server.shutdown()


@pytest.fixture()
def visit(browser, review):
    """Opens a page of the review; console and page errors fail the test."""
    pages, errors = [], []

    def opener(url: str, viewport: dict = DESKTOP):
        page = browser.new_page(viewport=viewport)
        page.on("console", lambda m: errors.append(m.text)
                if m.type == "error" and not is_favicon(m.location.get("url", "")) else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(review + url)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
    assert errors == []


def column(page, table: str, index: int) -> list[str]:
    return [t.split("\n")[0] for t in page.locator(f"{table} tbody tr:not([hidden]) td:nth-child({index})").all_inner_texts()]


def test_values_sort_in_a_common_unit_and_the_sort_is_kept_in_the_url(visit, review):
    page = visit("compare/overall-survival/")
    expect(page.locator(f"{MEDIAN_OS}[data-sortable=ready]")).to_have_count(1)
    page.locator(f"{MEDIAN_OS} thead th").nth(6).get_by_role("button").click()
    assert column(page, MEDIAN_OS, 7) == ["20 months", "2 years", "30 months"]
    assert "sort-group-median-overall-survival-table=7-ascending" in page.url
    again = visit(page.url.removeprefix(review))
    expect(again.locator(f"{MEDIAN_OS} thead th").nth(6)).to_have_attribute("aria-sort", "ascending")
    assert column(again, MEDIAN_OS, 7) == ["20 months", "2 years", "30 months"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE])
def test_a_synonym_filters_the_table_and_its_forest_plot_and_a_reload_keeps_it(visit, review, viewport,
                                                                               serious_violations):
    page = visit("compare/effect-sizes/", viewport)
    figure = page.get_by_role("figure", name="Hazard ratio for overall survival: randomized trials")
    expect(figure.locator(".forest-row[data-row]")).to_have_count(3)
    pooled = figure.locator(".forest-row[data-pooled]")
    expect(pooled).to_contain_text("2 trials")
    assert serious_violations(page) == []
    page.get_by_label("Filter hazard ratio", exact=True).fill("IL-2")
    expect(page.locator("#group-hazard-ratio-table-status")).to_have_text("1 of 3 rows shown")
    expect(figure.locator(".forest-row[data-row]:visible")).to_have_count(1)
    expect(figure.locator(".forest-row[data-row]:visible")).to_contain_text("aldesleukin plus drugamab vs drugamab alone")
    expect(pooled).to_be_hidden()
    assert "q-group-hazard-ratio-table=IL-2" in page.url
    again = visit(page.url.removeprefix(review), viewport)
    expect(again.get_by_label("Filter hazard ratio", exact=True)).to_have_value("IL-2")
    expect(again.locator(".forest-row[data-row]:visible")).to_have_count(1)


def test_the_reports_of_one_trial_link_to_each_other_and_are_counted_once(visit):
    page = visit("compare/effect-sizes/")
    expect(page.locator(".summary")).to_have_text("3 results from 3 studies, which report 2 trials.")
    expect(page.locator("#group-hazard-ratio-table .trial")).to_have_count(2)
    page = visit("studies/alpha-summary.html")
    aside = page.get_by_role("complementary", name="Same trial: NCT01234567")
    aside.get_by_role("link", name="Drugamab versus placebo in metastatic melanoma: the ALPHA-1 randomized trial").click()
    expect(page.get_by_role("complementary", name="Same trial: NCT01234567")).to_contain_text("Regulatory summary")


def test_the_home_table_filters_through_synonyms_and_sorts(visit):
    page = visit("")
    page.get_by_label("Filter studies", exact=True).fill("aldesleukin")
    expect(page.locator("#studies-table tbody tr:not([hidden])")).to_have_count(1)
    page.get_by_label("Filter studies", exact=True).fill("")
    page.locator("#studies-table thead th").nth(1).get_by_role("button").click()
    assert column(page, "#studies-table", 2) == ["2019", "2020", "2021"]


def test_the_reviews_own_page_is_in_the_navigation_and_the_theme(visit, serious_violations):
    page = visit("")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="About the review").click()
    page.get_by_role("link", name="Methods").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Methods")
    assert serious_violations(page) == []
