"""The study page in headless Chromium: what a reviewer checks on the Ruers trial's page."""

from __future__ import annotations

import json

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

RUERS = "studies/doi-10-1093-jnci-djx015.html"
MADE_TITLE = "studies/000-05b27af23292c448.html"


@pytest.fixture(scope="module")
def ruers(site_dir):
    studies = json.loads((site_dir / "data" / "studies.json").read_text(encoding="utf-8"))["studies"]
    return next(s for s in studies if s["url"] == RUERS)


def test_header_and_glance_show_design_size_and_arms(open_page):
    page = open_page(RUERS)
    badges = page.locator(".badges li").all_inner_texts()
    assert badges == ["Randomized trial", "Phase II", "N = 119"]
    assert page.locator(".arms li").all_inner_texts() == ["combined modality (n = 60)", "systemic treatment (n = 59)"]
    expect(page.locator(".headline li").first).to_have_text("Hazard ratio for overall survival, combined modality vs systemic treatment: 0.58 (95% CI 0.38–0.88), p = .01")
    expect(page.locator("a[href='https://doi.org/10.1093/jnci/djx015']")).to_have_count(1)


def test_marks_are_exactly_the_studys_findings(open_page, ruers):
    page = open_page(RUERS)
    marks = page.locator("article .abstract-section mark")
    shown = [(m.get_attribute("data-kind"), m.inner_text()) for m in marks.all()]
    assert shown == [(f["kind"], f["text"]) for f in ruers["findings"]]
    assert page.locator(".key-numbers tbody tr").count() == len(ruers["findings"])


def test_a_table_row_links_to_its_mark_and_the_mark_names_its_kind_on_focus(open_page):
    page = open_page(RUERS)
    row = page.locator(".key-numbers tr[data-kind=hazard_ratio]")
    expect(row.locator("td").nth(3)).to_have_text("0.58")
    expect(row.locator("td").nth(4)).to_have_text("0.38–0.88")
    row.get_by_role("link").click()
    mark = page.locator("mark[data-kind=hazard_ratio]")
    assert page.evaluate("location.hash") == "#" + mark.get_attribute("id")
    mark.focus()
    tooltip = page.evaluate("(m) => getComputedStyle(m, '::after').content", mark.element_handle())
    assert tooltip == '"Hazard ratio"'
    assert mark.get_attribute("aria-label") == "Hazard ratio: 0.58"


def test_design_thresholds_look_different_from_results(open_page):
    page = open_page(RUERS)
    style = "(m) => getComputedStyle(m).outlineStyle + ' ' + getComputedStyle(m).backgroundColor"
    threshold = page.evaluate(style, page.locator("mark[data-scope=design]").element_handle())
    result = page.evaluate(style, page.locator("mark[data-kind=hazard_ratio]").element_handle())
    assert threshold.startswith("dashed") and threshold != result


def test_made_title_is_marked(open_page):
    page = open_page(MADE_TITLE)
    expect(page.locator("h1 .badge-made")).to_have_text("title made from the abstract")


@pytest.mark.parametrize("name, options, media", [
    ("study", {}, None), ("study-phone", {"viewport": {"width": 390, "height": 844}}, None),
    ("study-dark", {"color_scheme": "dark"}, None), ("study-print", {}, "print"),
])
def test_study_page_is_accessible_in_every_view(open_page, serious_violations, screenshot, name, options, media):
    page = open_page(RUERS, **options)
    if media:
        page.emulate_media(media=media)
    assert serious_violations(page) == []
    if "viewport" in options:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, name)


def test_copy_button_puts_the_citation_on_the_clipboard(open_page):
    page = open_page(RUERS, permissions=["clipboard-read", "clipboard-write"])
    button = page.get_by_role("button", name="Copy the BibTeX citation")
    button.click()
    expect(button).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("pre[data-copy=BibTeX]").inner_text()
    assert copied.startswith("@article{Ruers2017:doi-10-1093-jnci-djx015,\n")


def test_enter_on_a_mark_goes_back_to_its_row(open_page):
    page = open_page(RUERS)
    mark = page.locator("mark[data-kind=hazard_ratio]")
    mark.focus()
    page.keyboard.press("Enter")
    row_id = "row-" + mark.get_attribute("id")
    assert page.evaluate("location.hash") == "#" + row_id
    expect(page.locator(f"#{row_id} a")).to_be_focused()


def test_every_study_page_marks_its_findings_and_passes_axe(open_page, serious_violations, site_dir):
    studies = json.loads((site_dir / "data" / "studies.json").read_text(encoding="utf-8"))["studies"]
    assert len(studies) == 5
    for study in studies:
        page = open_page(study["url"])
        kinds = page.locator("article .abstract-section mark").evaluate_all("ms => ms.map(m => m.dataset.kind)")
        assert kinds == [f["kind"] for f in study["findings"]], study["id"]
        assert serious_violations(page) == [], study["id"]
        page.close()
