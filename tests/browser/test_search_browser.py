"""The search page in headless Chromium: the five seed abstracts built and served under /litreview/."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from generator.model import DESIGN_LABELS
from generator.search import OUTCOME_KINDS, size_bucket, year_bucket
from generator.search_index import words

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=5000)

SUB_PATH = "litreview"  # as tests/browser/conftest.py serves the site
MELANOMA_SOURCE = "001_7c71ee111e9c30b4.txt"
RUERS_SOURCE = "004_7e2f063af38ca6b8.txt"


@pytest.fixture(scope="module")
def search_site(served_site):
    """The seeds' site (shared by the browser tests): (base URL, studies from data/studies.json)."""
    base, folder = served_site
    return base, json.loads((folder / "data" / "studies.json").read_text(encoding="utf-8"))["studies"]


@pytest.fixture()
def search_page(browser, search_site):
    """The search page, loaded and showing every study; page errors fail the test."""
    base, studies = search_site
    page = browser.new_page()
    page.set_default_timeout(5000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(base + "search/")
    expect(page.locator("#search-status")).to_have_text(f"{len(studies)} studies in the review.")
    expect(page.locator("#search[data-facets=ready]")).to_have_count(1)
    yield page
    page.close()
    assert errors == []


def study_url(studies: list[dict], source: str) -> str:
    return next(s["url"] for s in studies if s["source"] == source)


def result_links(page):
    return page.locator("#search-results h3 a")


def search_for(page, query: str) -> None:
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    expect(page.locator("#search-status")).to_contain_text(f"“{query}”")


def test_melanoma_interleukin_lists_the_270_patient_study_first(search_page, search_site):
    _, studies = search_site
    search_for(search_page, "melanoma interleukin")
    first = result_links(search_page).first
    expect(first).to_have_attribute("href", re.compile(
        f"/{SUB_PATH}/{re.escape(study_url(studies, MELANOMA_SOURCE))}\\?highlight=melanoma"))


def test_a_number_finds_the_study_that_reports_it(search_page, search_site):
    _, studies = search_site
    search_for(search_page, "0.58")
    hrefs = [link.get_attribute("href") for link in result_links(search_page).all()]
    assert any(study_url(studies, RUERS_SOURCE) in href for href in hrefs)


def test_filter_randomized_with_no_query_leaves_ruers_only_and_clearing_restores(search_page, search_site):
    _, studies = search_site
    search_page.get_by_role("checkbox", name=re.compile(r"^Randomized trial \(\d+\)$")).check()
    expect(search_page.locator("#search-status")).to_have_text("1 study matches the filters.")
    expect(result_links(search_page)).to_have_count(1)
    expect(result_links(search_page).first).to_have_attribute(
        "href", f"/{SUB_PATH}/{study_url(studies, RUERS_SOURCE)}")
    search_page.get_by_role("checkbox", name=re.compile(r"^Randomized trial")).uncheck()
    expect(search_page.locator("#search-status")).to_have_text(f"{len(studies)} studies in the review.")
    expect(result_links(search_page)).to_have_count(len(studies))


def expected_counts(studies: list[dict]) -> dict[str, Counter]:
    """Facet counts computed straight from data/studies.json."""
    counts = {
        "design": Counter(DESIGN_LABELS[s["design"]] for s in studies),
        "phase": Counter(f"Phase {s['phase']}" for s in studies if s["phase"]),
        "condition": Counter(c for s in studies for c in dict.fromkeys(s["conditions"])),
        "intervention": Counter(i for s in studies for i in dict.fromkeys(s["interventions"])),
        "year": Counter(year_bucket(s["year"]) for s in studies),
        "size": Counter(size_bucket(s["n_total"]) for s in studies),
        "outcome": Counter(label for s in studies for label, kinds in OUTCOME_KINDS
                           if any(f["kind"] in kinds and f["scope"] == "study" for f in s["findings"])),
    }
    return {key: counter for key, counter in counts.items() if counter}


def shown_counts(page) -> dict[str, Counter]:
    counts = {}
    for fieldset in page.locator("fieldset[data-facet]").all():
        labels = fieldset.locator("label").all_inner_texts()
        if labels:
            counts[fieldset.get_attribute("data-facet")] = Counter(
                {m[1]: int(m[2]) for m in (re.fullmatch(r"(.*) \((\d+)\)", text) for text in labels)})
    return counts


def test_facet_counts_match_the_data_file(search_page, search_site):
    _, studies = search_site
    assert shown_counts(search_page) == expected_counts(studies)


def test_results_show_year_design_size(search_page, search_site):
    _, studies = search_site
    search_for(search_page, "0.58")
    ruers = next(s for s in studies if s["source"] == RUERS_SOURCE)
    facts = search_page.locator("#search-results .search-result-facts").all_inner_texts()
    assert search_record_facts(ruers) in facts


def search_record_facts(study: dict) -> str:
    """What a result's fact line says for a study of the data file."""
    design = DESIGN_LABELS[study["design"]]
    if study["phase"]:
        design = f"{design}, phase {study['phase']}"
    parts = [str(study["year"]) if study["year"] else "", design, f"N = {study['n_total']}" if study["n_total"] else ""]
    return " · ".join(p for p in parts if p)


def test_keyboard_alone_searches_filters_and_opens_a_highlighted_study(search_page, search_site):
    _, studies = search_site
    page = search_page
    page.locator("body").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-query":
            break
    expect(page.locator("#search-query")).to_be_focused()
    page.keyboard.type("interleukin")
    page.keyboard.press("Enter")
    expect(page.locator("#search-status")).to_contain_text("“interleukin”")
    matching = page.locator("#search-status").inner_text()
    # Tab on to the first facet option and tick it with the space bar.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    page.keyboard.press("Space")
    expect(page.locator("#search-status")).to_contain_text("and the filters")
    page.keyboard.press("Space")
    expect(page.locator("#search-status")).to_have_text(matching)
    # Tab on to the first result and follow it: the study page marks the query.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#search-results') !== null"):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "?highlight=interleukin" in page.url
    expect(page.locator("article mark.search-hit").first).to_have_text(re.compile("interleukin", re.I))


def test_search_state_is_in_the_address_so_it_can_be_shared(browser, search_site):
    base, studies = search_site
    page = browser.new_page()
    page.goto(base + "search/?q=0.58&year=Year+not+given")
    expect(page.locator("#search-query")).to_have_value("0.58")
    expect(page.locator("#search-status")).to_contain_text("“0.58”")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Year not given"))).to_be_checked()
    page.close()


def test_search_page_has_no_accessibility_violations(search_page):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    search_for(search_page, "interleukin")
    results = axe_module.Axe().run(search_page)
    assert [v["id"] for v in results.response["violations"]] == []


def test_newest_first_puts_the_latest_study_on_top(search_page, search_site):
    _, studies = search_site
    newest = max((s for s in studies if s["year"]), key=lambda s: s["year"])
    search_page.select_option("#search-sort", "year:desc")
    expect(result_links(search_page).first).to_have_attribute("href", f"/{SUB_PATH}/{newest['url']}")
    expect(result_links(search_page)).to_have_count(len(studies))


def test_a_plural_finds_the_singular_and_the_excerpt_marks_it(search_page, search_site):
    _, studies = search_site
    search_for(search_page, "interleukins")
    hrefs = [link.get_attribute("href") for link in result_links(search_page).all()]
    assert any(study_url(studies, MELANOMA_SOURCE) in href for href in hrefs)
    marks = search_page.locator("#search-results .search-result-excerpt mark").all_inner_texts()
    assert marks and all(m.lower().startswith("interleukin") for m in marks)
    with search_page.expect_navigation():
        result_links(search_page).first.click()
    marks = search_page.locator("article mark.search-hit").all_inner_texts()
    assert marks and all(m.lower().startswith("interleukin") for m in marks)


# Texts whose words are easy to make differently in Python and in JavaScript.
TRICKY_TEXTS = ["HR 0.58 (95% CI 0.38–0.88; P = .01)", "Interleukin-2 (IL-2) and IL2", "Café Müller, naïve",
                "1,000 patients ≥ 65 y", "snake_case 5-FU/LV", "IL-2-based Y‐90 anti-PD-1 2-3 5-year COVID-19", "Ⅱ ² ½ ﬁbrosis", "Ωmega ΣΊΣΥΦΟΣ", "İstanbul"]


def test_the_browser_makes_a_query_s_words_as_the_build_makes_the_index_s(search_page):
    made = search_page.evaluate("""async (texts) => {
        const index = await import(new URL("../assets/search-index.js", document.baseURI).href);
        return texts.map((text) => index.queryWords(text));
    }""", TRICKY_TEXTS)
    assert made == [words(text) for text in TRICKY_TEXTS]


def test_a_result_is_read_from_its_group_s_file_whatever_the_sizes_of_the_groups(search_page):
    # An index of six studies in groups of 1, 3 and 2, served under fake-index/ (only the group files a
    # lookup needs are fetched).
    groups = {"a": ["s0"], "d-1": ["s1", "s2", "s3"], "z": ["s4", "s5"]}
    fetched: list[str] = []

    def serve(route):
        name = route.request.url.rsplit("/", 1)[1].removesuffix(".json")
        fetched.append(name)
        route.fulfill(status=200, content_type="application/json", body=json.dumps(groups[name]))

    search_page.route("**/fake-index/studies/*.json", serve)
    found = search_page.evaluate("""async (groups) => {
        const index = await import(new URL("../assets/search-index.js", document.baseURI).href);
        const meta = {format: 2, studies: 6, chunks: [], groups};
        const search = new index.SearchIndex(new URL("fake-index/", document.baseURI), meta);
        return Promise.all([5, 0, 3, 1, 4, 2].map((number) => search.study(number)));
    }""", [[name, len(fragments)] for name, fragments in groups.items()])
    assert found == ["s5", "s0", "s3", "s1", "s4", "s2"]
    assert sorted(fetched) == ["a", "d-1", "z"]
