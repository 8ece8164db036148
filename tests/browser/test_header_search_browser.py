"""Search from every page, in the review's vocabulary, by keyboard and by mouse, at a desktop's and a
phone's size: the header's box, "/", the skip links, synonyms, one-word "IL-2", typos, and the page
without JavaScript. The seeds, built and served under /litreview/ (conftest.py)."""

from __future__ import annotations

import json
import re

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=5000)

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SIZES = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
MELANOMA_SOURCE = "001_7c71ee111e9c30b4.txt"


@pytest.fixture(scope="module")
def studies(site_dir):
    return json.loads((site_dir / "data" / "studies.json").read_text(encoding="utf-8"))["studies"]


def url_of(studies, source: str) -> str:
    return next(s["url"] for s in studies if s["source"] == source)


def search(page, query: str) -> None:
    expect(page.locator("#search[data-facets=ready]")).to_have_count(1)
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    expect(page.locator("#search-status")).to_contain_text(f"“{query}”")


def hrefs(page) -> list[str]:
    return [a.get_attribute("href") for a in page.locator("#search-results h3 a").all()]


@pytest.mark.parametrize("viewport", SIZES)
def test_the_header_box_shows_results_as_you_type_and_the_arrow_keys_open_one(open_page, studies, viewport):
    page = open_page("", viewport=viewport)
    page.keyboard.press("/")
    expect(page.locator("#site-search-query")).to_be_focused()
    page.keyboard.type("melanoma")
    results = page.locator("#site-search-results a")
    expect(results.first).to_be_visible()
    naming = [s for s in studies if "melanoma" in json.dumps([s["title"], s["sections"], s["conditions"]]).lower()]
    expect(page.locator("#site-search-status")).to_have_text(f"{len(naming)} studies match “melanoma”.")
    expect(results).to_have_count(len(naming))
    page.keyboard.press("ArrowDown")
    expect(results.first).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(url_of(studies, MELANOMA_SOURCE) + "?highlight=melanoma")
    expect(page.locator("article mark.search-hit").first).to_have_text(re.compile("^melanoma$", re.I))


@pytest.mark.parametrize("viewport", SIZES)
def test_enter_in_the_header_box_opens_the_search_page_with_the_query(open_page, viewport):
    page = open_page("compare/", viewport=viewport)
    page.click("#site-search-query")
    page.keyboard.type("hazard ratio")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/search/?q=hazard+ratio")
    expect(page.locator("#search-status")).to_contain_text("“hazard ratio”")


def test_escape_closes_the_header_results_and_a_click_opens_one(open_page, studies, serious_violations):
    page = open_page("compare/")
    page.fill("#site-search-query", "melanoma")
    expect(page.locator("#site-search-panel")).to_be_visible()
    assert serious_violations(page) == []
    page.keyboard.press("Escape")
    expect(page.locator("#site-search-panel")).to_be_hidden()
    page.keyboard.type("melanoma")
    with page.expect_navigation():
        page.locator("#site-search-results a").first.click()
    assert url_of(studies, MELANOMA_SOURCE) in page.url


def test_slash_goes_to_the_search_page_s_own_box_there(open_page):
    page = open_page("search/")
    expect(page.locator("#search-status")).to_contain_text("studies in the review")
    assert page.locator("#site-search-query").count() == 0
    page.locator("h1").click()
    page.keyboard.press("/")
    expect(page.locator("#search-query")).to_be_focused()


def test_the_skip_link_is_the_first_stop_and_goes_to_the_content(open_page):
    page = open_page("compare/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#content")).to_be_focused()


def test_from_the_query_box_the_first_result_is_four_tabs_away(open_page):
    page = open_page("search/?q=interleukin")
    expect(page.locator("#search-status")).to_contain_text("“interleukin”")
    page.focus("#search-query")
    for _ in range(2):  # the order, then the skip link
        page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the results")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator("#search-results h3 a").first).to_be_focused()


def test_on_a_phone_the_filters_fold_away_and_the_results_come_first(open_page):
    page = open_page("search/", viewport=PHONE)
    expect(page.locator("#search[data-facets=ready]")).to_have_count(1)
    expect(page.locator("fieldset[data-facet=design]")).to_be_hidden()
    first = page.locator("#search-results h3 a").first
    expect(first).to_be_in_viewport()
    page.locator("#search-facets summary").click()
    expect(page.locator("fieldset[data-facet=design]")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_desktop_the_filters_are_open(open_page):
    page = open_page("search/", viewport=DESKTOP)
    expect(page.locator("fieldset[data-facet=design]")).to_be_visible()


def test_a_synonym_finds_every_study_of_its_term(open_page, studies):
    page = open_page("search/")
    with_term = {s["url"] for s in studies if "interleukin-2" in s["interventions"]}
    naming_it = {s["url"] for s in studies if "aldesleukin" in json.dumps(s["sections"]).lower()}
    assert len(with_term) > len(naming_it)
    search(page, "aldesleukin")
    assert {href.split("/litreview/")[1].split("?")[0] for href in hrefs(page)} == with_term


def il_2_marks(marks: list[str]) -> bool:
    """Whether every mark is IL-2 or a name of it (site_config.yml's taxonomy), a "2" only after "interleukin"."""
    names = {"il2", "interleukin2", "aldesleukin", "proleukin", "interleukin"}
    return bool(marks) and all(m.replace("-", "").lower() in names or (m == "2" and marks[i - 1].lower() == "interleukin")
                               for i, m in enumerate(marks))


@pytest.mark.parametrize("viewport", SIZES)
def test_il_2_is_one_word_in_the_search_and_on_the_study_page(open_page, studies, viewport):
    page = open_page("search/", viewport=viewport)
    search(page, "IL-2")
    marks = page.locator("#search-results .search-result-excerpt mark").all_inner_texts()
    assert il_2_marks(marks) and "IL-2" in marks, marks
    target = next(a for a in page.locator("#search-results h3 a").all()
                  if url_of(studies, MELANOMA_SOURCE) in a.get_attribute("href"))
    with page.expect_navigation():
        target.click()
    marks = page.locator("article mark.search-hit").all_inner_texts()
    assert il_2_marks(marks) and "IL-2" in marks, marks


def test_a_misspelt_word_finds_the_word_one_edit_away(open_page, studies):
    page = open_page("search/")
    search(page, "interleukn")
    assert any(url_of(studies, MELANOMA_SOURCE) in href for href in hrefs(page))
    marks = page.locator("#search-results .search-result-excerpt mark").all_inner_texts()
    assert marks and all(m.lower().startswith("interleukin") for m in marks)


def test_a_short_word_is_not_matched_loosely(open_page):
    page = open_page("search/")
    search(page, "cr")
    search(page, "zzzzq")
    expect(page.locator("#search-status")).to_have_text("0 studies match “zzzzq”.")


def test_without_javascript_the_search_page_says_so_and_links_the_studies(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "search/")
    expect(page.get_by_text("Search needs JavaScript")).to_be_visible()
    expect(page.locator("#search-query")).to_be_hidden()
    expect(page.get_by_text("Loading the search index")).to_have_count(0)
    with page.expect_navigation():
        page.get_by_role("link", name="the list of studies").click()
    assert page.url == base_url
    context.close()


def test_the_favicon_is_the_site_s_own_and_the_404_page_links_home(open_page, base_url, serious_violations):
    page = open_page("404.html")
    assert serious_violations(page) == []
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.reload()
    expect(page.locator("h1")).to_have_text("Page not found")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(base_url + icon.removeprefix("./")).ok
    assert not any(url.endswith("/favicon.ico") for url in requested)
    with page.expect_navigation():
        page.get_by_role("link", name="The list of studies").click()
    assert page.url == base_url


def test_the_data_page_links_every_download_and_the_contract(open_page, base_url):
    page = open_page("")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Site").get_by_role("link", name="Data").click()
    expect(page.locator("h1")).to_have_text("Data")
    for name in ("studies.json", "findings.csv", "references.ris", "references.bib", "feed.xml"):
        href = page.get_by_role("link", name=name, exact=True).get_attribute("href")
        assert page.request.get(page.url + href).ok, name
    page.get_by_role("link", name="data contract").click()
    expect(page.locator("#the-study-data-contract")).to_be_in_viewport()


def test_one_edit_and_the_terms_of_a_query_in_the_browser(open_page):
    page = open_page("search/")
    found = page.evaluate("""async () => {
        const index = await import(new URL("../assets/search-index.js", document.baseURI).href);
        const pairs = [["interleukn", "interleukin"], ["intreleukin", "interleukin"], ["interleukin", "interleukins"],
                       ["melanoma", "melanomx"], ["melanoma", "melanoma"], ["melanoma", "mealnomx"], ["abc", "abcde"]];
        const synonyms = [[["hepatic", "arterial", "infusion"], ["hai"], ["hepatic", "arterial", "infusion", "chemo"]]];
        return {
            edits: pairs.map(([a, b]) => index.oneEdit(a, b)),
            terms: index.queryTerms(["hai", "and", "hepatic", "arterial", "infusion"], synonyms),
            marks: index.marker([["hepatic", "arterial"], ["il2"]])(["Hepatic", "arterial", "hepatic", "IL-2", "2"]),
        };
    }""")
    assert found["edits"] == [True, True, True, True, True, False, False]
    assert found["terms"] == [[["hepatic", "arterial", "infusion"], ["hai"]], [["and"]],
                              [["hepatic", "arterial", "infusion"], ["hai"]]]
    assert found["marks"] == [True, True, False, True, False]
