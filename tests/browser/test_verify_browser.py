"""Findings to verify in headless Chromium: marked on their study page, absent from the comparisons.

A review of two made-up studies: one whose response rates the rules give to their arms only by
the order of the allocation (uncertain), one with a response rate the rules settle. The uncertain
numbers carry a visible "?" and a "to verify" badge on their study page and stay off the response
page until a sidecar confirms them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SUB_PATH, serve

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
expect.set_options(timeout=5000)

ALPHA = """---
title: "Alphamab plus betanib versus betanib alone in advanced gastric cancer: a randomized trial"
authors: [Quill T, Marsh O]
year: 2022
---

## METHODS

Patients were randomly assigned to alphamab plus betanib (n = 120) or betanib alone (n = 118).

## RESULTS

The response rate was 26.1% versus 15.5%.
"""
GAMMA = """---
title: "Gammacept in advanced gastric cancer: a single-arm phase II trial"
authors: [Rook A]
year: 2021
---

## METHODS

Forty patients with advanced gastric cancer received gammacept.

## RESULTS

The overall response rate was 31% (12 of 40).
"""
CONFIRM = "findings:\n  confirm:\n    - {kind: response_rate, text: 26.1%}\n"


def build(tmp: Path, sidecar: str | None = None) -> Path:
    """The two studies (and ``alpha.yml`` when given) built into ``tmp/litreview/``."""
    content = tmp / "content"
    content.mkdir()
    (content / "alpha.md").write_text(ALPHA, encoding="utf-8")
    (content / "gamma.md").write_text(GAMMA, encoding="utf-8")
    if sidecar:
        (content / "alpha.yml").write_text(sidecar, encoding="utf-8")
    (tmp / "site_config.yml").write_text("title: Verify\ncomparisons:\n  min_studies: 1\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--content", "content", "--out", SUB_PATH,
                           "--config", "site_config.yml"], capture_output=True, text=True, check=False, cwd=tmp)
    assert done.returncode == 0, done.stderr
    return tmp


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """This module's own review, served under /litreview/."""
    server, address = serve(build(tmp_path_factory.mktemp("verify")))
    yield f"{address}{SUB_PATH}/"
    server.shutdown()


def test_an_uncertain_finding_shows_its_marker_and_badge_on_its_study_page(open_page, serious_violations,
                                                                          screenshot):
    page = open_page("studies/alpha.html")
    marks = page.locator('mark[data-kind][data-certain="false"]')
    expect(marks).to_have_count(2)
    assert marks.all_inner_texts() == ["26.1%", "15.5%"]
    # The marker is seen, not only a colour: a "?" before the number and a dotted outline.
    assert marks.first.evaluate("m => getComputedStyle(m, '::before').content") == '"?"'
    assert marks.first.evaluate("m => getComputedStyle(m).outlineStyle") == "dotted"
    assert marks.first.get_attribute("aria-label") == "Overall response rate (to verify: arm): 26.1%"
    badges = page.locator('tr[data-certain="false"] .badge-verify')
    assert badges.all_inner_texts() == ["to verify: arm", "to verify: arm"]
    expect(page.locator('tr[data-certain="false"] .verify-sentence').first).to_have_text(
        "The response rate was 26.1% versus 15.5%.")
    expect(page.locator(".headline")).to_have_count(0)
    expect(page.locator(".glance")).to_contain_text("none certain yet: see the numbers to verify below")
    assert serious_violations(page) == []
    screenshot(page, "study-to-verify")


def test_a_certain_finding_looks_as_it_did(open_page):
    page = open_page("studies/gamma.html")
    expect(page.locator("mark[data-kind]")).to_have_count(1)
    expect(page.locator('[data-certain="false"], .badge-verify')).to_have_count(0)
    assert page.locator("mark[data-kind]").evaluate("m => getComputedStyle(m, '::before').content") == "none"


def test_an_uncertain_finding_is_absent_from_the_comparison_page(open_page):
    page = open_page("compare/response/")
    expect(page.locator("tbody tr[data-study]")).to_have_count(1)
    expect(page.locator('tbody tr[data-study="alpha"]')).to_have_count(0)
    assert "26.1" not in page.content() and "15.5" not in page.content()


def test_a_confirmed_finding_joins_the_comparison_page(browser, tmp_path):
    server, address = serve(build(tmp_path, CONFIRM))
    try:
        page = browser.new_page()
        page.goto(f"{address}{SUB_PATH}/compare/response/")
        expect(page.locator('tbody tr[data-study="alpha"]')).to_have_count(1)
        expect(page.locator('tbody tr[data-study="alpha"]')).to_contain_text("26.1%")
        page.goto(f"{address}{SUB_PATH}/studies/alpha.html")
        expect(page.locator('mark[data-kind][data-certain="false"]')).to_have_count(1)
        page.close()
    finally:
        server.shutdown()
