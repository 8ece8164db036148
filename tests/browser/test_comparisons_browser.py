"""The comparison pages in headless Chromium: the seeds built and served under /litreview/.

Sort and filter by keyboard, no console errors, axe clean on desktop and phone, and a
screenshot of each page type in tests/browser/screenshots/ for a person to look at.
"""

from __future__ import annotations

import re

import pytest


playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=5000)

PHONE = {"width": 390, "height": 844}
# One page of each type: (screenshot name, URL under the site root).
PAGE_TYPES = (
    ("hub", "compare/"),
    ("response", "compare/response/"),
    ("effect-sizes", "compare/effect-sizes/"),
    ("overall-survival", "compare/overall-survival/"),
    ("safety", "compare/safety/"),
    ("condition", "conditions/liver-metastases/"),
    ("intervention", "interventions/interleukin-2/"),
    ("evidence-map", "compare/evidence-map/"),
    ("by-year", "compare/by-year/"),
)

def table_column(page, table: str, column: int) -> list[str]:
    """The visible text of one column of a table, top to bottom."""
    return page.locator(f"{table} tbody tr:not([hidden]) td:nth-child({column})").all_inner_texts()


def test_response_table_sorts_by_keyboard_and_says_so(open_page):
    page = open_page("compare/response/")
    table = "#group-overall-response-rate-table"
    expect(page.locator(f"{table}[data-sortable=ready]")).to_have_count(1)
    value_header = page.locator(f"{table} thead th").nth(6)
    button = value_header.get_by_role("button")
    button.focus()
    page.keyboard.press("Enter")
    expect(value_header).to_have_attribute("aria-sort", "ascending")
    expect(page.locator(f"{table}-status")).to_have_text("Sorted by Value, ascending.")
    assert [t.split("\n")[0] for t in table_column(page, table, 7)] == ["16%", "18%"]
    page.keyboard.press("Enter")
    expect(value_header).to_have_attribute("aria-sort", "descending")
    assert [t.split("\n")[0] for t in table_column(page, table, 7)] == ["18%", "16%"]
    assert page.locator(f"{table} thead th[aria-sort]").count() == 1


def test_filter_is_labelled_and_narrows_rows_as_typed(open_page):
    page = open_page("compare/overall-survival/")
    table = "#group-overall-survival-table"
    expect(page.locator(f"{table}[data-sortable=ready]")).to_have_count(1)
    box = page.get_by_label("Filter overall survival", exact=True)
    box.focus()
    page.keyboard.type("8-year")
    assert table_column(page, table, 5) == ["combined modality", "systemic treatment"]
    expect(page.locator("#group-overall-survival-table-status")).to_have_text("2 of 8 rows shown")
    box.fill("")
    expect(page.locator(f"{table} tbody tr:not([hidden])")).to_have_count(8)
    # An intervention the rows do not show, but their study names.
    box.fill("mitomycin")
    expect(page.locator("#group-overall-survival-table-status")).to_have_text("2 of 8 rows shown")
    assert table_column(page, table, 6) == ["", "5-year"]


def test_tables_read_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "compare/response/")
    expect(page.locator(".table-filter").first).to_be_hidden()
    expect(page.locator("#group-overall-response-rate-table tbody tr")).to_have_count(2)
    expect(page.locator("#group-overall-response-rate-table thead button")).to_have_count(0)
    context.close()


# Every page type on a desktop; on a phone the ones whose tables, charts or map are widest.
AUDITS = [(name, url, None) for name, url in PAGE_TYPES] + [
    (name, url, PHONE) for name, url in PAGE_TYPES if name in ("response", "effect-sizes", "condition", "evidence-map")]


@pytest.mark.parametrize("name, url, viewport", AUDITS,
                         ids=[f"{name}-{'phone' if viewport else 'desktop'}" for name, _, viewport in AUDITS])
def test_page_is_accessible_and_screenshot_taken(open_page, serious_violations, screenshot, name, url, viewport):
    page = open_page(url, viewport)
    expect(page.locator("h1")).to_have_count(1)
    assert serious_violations(page) == []
    if viewport:
        # Wide tables and charts scroll inside their own boxes; the page itself never does.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"compare-{name}" + ("-phone" if viewport else ""))


def test_dark_mode_screenshot(open_page, screenshot):
    page = open_page("compare/response/", color_scheme="dark")
    expect(page.locator("svg.chart").first).to_be_visible()
    screenshot(page, "compare-response-dark")


def test_print_shows_every_row_and_no_filter(open_page, screenshot):
    page = open_page("compare/overall-survival/")
    table = "#group-overall-survival-table"
    expect(page.locator(f"{table}[data-sortable=ready]")).to_have_count(1)
    page.get_by_label("Filter overall survival", exact=True).fill("8-year")
    page.emulate_media(media="print")
    expect(page.locator(".table-filter").first).to_be_hidden()
    expect(page.locator(f"{table} tbody tr").nth(0)).to_be_visible()
    assert page.locator(f"{table} tbody tr:visible").count() == 8
    screenshot(page, "compare-overall-survival-print")


def test_every_link_on_the_comparison_pages_reaches_a_file_and_ids_are_unique(served_site):
    site = served_site[1]
    pages = [p for folder in ("compare", "conditions", "interventions") for p in (site / folder).rglob("index.html")]
    assert len(pages) > 10
    broken, repeated_ids = [], []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        ids = re.findall(r' id="([^"]+)"', html)
        repeated_ids += [f"{page.relative_to(site)}#{i}" for i in sorted(set(ids)) if ids.count(i) > 1]
        for href in re.findall(r'href="([^"#]*)(?:#[^"]*)?"', html):
            target = (page.parent / href).resolve() if href else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert (broken, repeated_ids) == ([], [])


def test_links_from_a_sub_path_reach_their_pages(open_page, base_url):
    page = open_page("compare/evidence-map/")
    page.get_by_role("link", name="1 study of melanoma with interleukin-2").click()
    expect(page).to_have_url(base_url + "conditions/melanoma/#with-interleukin-2")
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Comparisons").click()
    expect(page).to_have_url(base_url + "compare/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Comparisons").click()
    expect(page).to_have_url(base_url + "compare/")
    page.get_by_role("link", name="Effect sizes").click()
    expect(page.get_by_role("figure", name="Hazard ratio for overall survival: randomized trials")).to_be_visible()


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, PHONE])
def test_the_forest_plot_follows_the_table_filter_and_keeps_its_axis_on_screen(open_page, viewport):
    page = open_page("compare/effect-sizes/", viewport)
    figure = page.get_by_role("figure", name="Hazard ratio for overall survival: randomized trials")
    row = figure.locator(".forest-row[data-row]")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("combined modality vs systemic treatment")
    expect(figure.locator(".forest-favours")).to_have_text("← Favours combined modalityFavours systemic treatment →")
    # The marks, the line of no effect and the value are on screen, at the phone's width too.
    for part in (row.locator("svg.forest-marks"), row.locator(".forest-value"), figure.locator(".forest-axis svg")):
        box = part.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    box = page.get_by_label("Filter hazard ratio", exact=True)
    box.fill("nothing matches this")
    expect(figure).to_be_hidden()
    box.fill("ruers")
    expect(row).to_be_visible()
    box.fill("systemic treatment")
    expect(figure).to_be_visible()
