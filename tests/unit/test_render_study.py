"""The study page's HTML for crafted studies: exact marks, rows, headline, links, and hostile text kept inert."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from generator.config import SiteConfig
from generator.model import Arm, Extraction, Finding, Section, Study, dump_study
from generator.render import NAV_LINKS, build_environment
from generator.render.study import PageLink, SameTrial, headline, key_numbers, render_pages

RESULTS = ("Of 60 patients, 39 of 60 (65.0%) responded; median OS was 20.1 months (90% CI, 15.2-24.0) "
           "vs 14.2 months, HR 0.62 (95% CI 0.41-0.93), P = .02. A prior series reported 30%.")
METHODS = "The trial was powered to detect a response rate above 40%. Patients got 600 mg daily."


def finding(kind: str, text: str, value: float, section: str = "results", occurrence: int = 0, **fields) -> Finding:
    """A finding whose span is the ``occurrence``-th place ``text`` stands in its section."""
    body = RESULTS if section == "results" else METHODS
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(text, start + 1)
    return Finding(kind=kind, value=value, text=text, section=section, sentence=body, start=start,
                   end=start + len(text), **fields)


FINDINGS = (
    finding("response_rate", "40%", 40, "methods", unit="%", scope="design"),
    finding("dose", "600 mg", 600, "methods", unit="mg"),
    finding("count_other", "39 of 60 (65.0%)", 39, numerator=39, denominator=60),
    finding("response_rate", "65.0%", 65, unit="%", numerator=39, denominator=60, curated=True),
    finding("median_overall_survival", "20.1", 20.1, unit="months", ci_low=15.2, ci_high=24.0, ci_level=90,
            arm="chemotherapy"),
    finding("hazard_ratio", "0.62", 0.62, ci_low=0.41, ci_high=0.93, ci_level=95, p_value=0.02, p_text="= .02"),
    finding("response_rate", "30%", 30, unit="%", scope="cited"),
)
STUDY = Study(
    id="pmid-42", source="trial.nbib", title="A trial of drug X", title_generated=False,
    authors=("Doe A", "Roe B"), journal="J Test Oncol", year=2020, doi="10.1000/xyz.1", pmid="42",
    publication_types=(), mesh_terms=(),
    sections=(Section("methods", "Methods", METHODS), Section("results", "Results", RESULTS)),
    extraction=Extraction(design="randomized_trial", phase="II", n_total=60,
                          arms=(Arm("chemotherapy", 30), Arm("observation", 30)),
                          conditions=("melanoma",), interventions=("drug X",), findings=FINDINGS),
)


def render(study: Study, links: tuple[PageLink, ...] = (), same_trial: SameTrial | None = None) -> str:
    """The study page's HTML, rendered as the build renders it."""
    common = {"site_title": "Review", "config": SiteConfig(), "nav_links": NAV_LINKS}
    [page] = render_pages([(dump_study(study), study.added, links, same_trial)], common, build_environment())
    return page.decode("utf-8")


class MarkCollector(HTMLParser):
    """Every ``<mark data-kind>`` of a page: its attributes and the text inside it, nested marks included."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, str | None]] = []
        self.texts: list[str] = []
        self.open: list[int | None] = []

    def handle_starttag(self, tag, attrs):
        if tag != "mark":
            return
        attributes = dict(attrs)
        if "data-kind" in attributes:
            self.marks.append(attributes)
            self.texts.append("")
            self.open.append(len(self.marks) - 1)
        else:
            self.open.append(None)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data):
        for index in self.open:
            if index is not None:
                self.texts[index] += data


def marks_of(html: str) -> MarkCollector:
    """The page's finding marks."""
    collector = MarkCollector()
    collector.feed(html)
    return collector


def test_one_mark_per_finding_in_text_order_with_kind_family_scope_and_label():
    collector = marks_of(render(STUDY))
    assert [(m["id"], m["data-kind"], m["data-family"], m["data-scope"], m.get("data-curated"), m["tabindex"],
             m["title"], m["aria-label"]) for m in collector.marks] == [
        ("f-1", "response_rate", "response", "design", None, "0",
         "Overall response rate (design threshold)", "Overall response rate (design threshold): 40%"),
        ("f-2", "dose", "dose", "study", None, "0", "Dose", "Dose: 600 mg"),
        ("f-3", "count_other", "sample_size", "study", None, "0", "Count", "Count: 39 of 60 (65.0%)"),
        ("f-4", "response_rate", "response", "study", "true", "0",
         "Overall response rate (curated)", "Overall response rate (curated): 65.0%"),
        ("f-5", "median_overall_survival", "survival", "study", None, "0",
         "Median overall survival", "Median overall survival: 20.1"),
        ("f-6", "hazard_ratio", "effect_size", "study", None, "0", "Hazard ratio", "Hazard ratio: 0.62"),
        ("f-7", "response_rate", "response", "cited", None, "0",
         "Overall response rate (cited figure)", "Overall response rate (cited figure): 30%"),
    ]
    assert collector.texts == [f.text for f in FINDINGS]


def test_a_finding_inside_another_nests_its_mark():
    html = render(STUDY)
    assert '39 of 60 (<mark id="f-4" data-kind="response_rate"' in html
    assert 'aria-label="Overall response rate (curated): 65.0%">65.0%</mark>)</mark> responded' in html


def test_every_row_links_to_its_mark_with_the_numbers_a_reader_checks():
    html = render(STUDY)
    assert html.count('<tr id="row-f-') == len(FINDINGS)
    row = html.split('<tr id="row-f-5"')[1].split("</tr>")[0]
    assert row == (' data-kind="median_overall_survival" data-scope="study"><td><a href="#f-5">Median overall survival'
                   '</a></td><td>chemotherapy</td><td></td><td>20.1 months</td><td>90% CI 15.2–24</td><td></td>'
                   '<td>Study result</td>')
    row = html.split('<tr id="row-f-6"')[1].split("</tr>")[0]
    assert '<td>0.62</td><td>0.41–0.93</td><td>.02</td><td>Study result</td>' in row
    assert '<td>Design threshold</td>' in html.split('<tr id="row-f-1"')[1].split("</tr>")[0]
    assert '<td>Cited figure</td>' in html.split('<tr id="row-f-7"')[1].split("</tr>")[0]


@pytest.mark.parametrize("levels, heading", [
    ((95, 95), "95% CI"), ((None, 95), "95% CI"), ((99.79,), "99.79% CI"), ((90, 95), "CI (95% unless marked)"),
])
def test_the_table_heading_names_the_level_of_its_intervals(levels, heading):
    findings = tuple(finding("hazard_ratio", "0.62", 0.62, ci_low=0.41, ci_high=0.93, ci_level=level) for level in levels)
    html = render(replace(STUDY, extraction=replace(STUDY.extraction, findings=findings)))
    assert f'<th scope="col">Value</th><th scope="col">{heading}</th>' in html


def test_a_99_79_percent_interval_is_shown_at_its_own_level_in_the_row_and_the_headline():
    hr = finding("hazard_ratio", "0.62", 0.62, ci_low=0.41, ci_high=0.93, ci_level=99.79)
    html = render(replace(STUDY, extraction=replace(STUDY.extraction, findings=(hr,))))
    assert "<td>0.62</td><td>99.79% CI 0.41–0.93</td>" in html
    assert '<a href="#f-1">Hazard ratio for overall survival, chemotherapy vs observation: 0.62 (99.79% CI 0.41–0.93)</a>' in html
    assert "(95% CI 0.41–0.93)" not in html and ">95% CI<" not in html


def test_header_links_badges_and_arms():
    html = render(STUDY)
    assert '<a href="https://doi.org/10.1000/xyz.1">doi:10.1000/xyz.1</a>' in html
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/42/">PubMed 42</a>' in html
    assert "pmc.ncbi" not in html
    assert ('<a href="https://pmc.ncbi.nlm.nih.gov/articles/PMC1234567/">PMC1234567</a>'
            in render(replace(STUDY, pmcid="PMC1234567")))
    assert ('<li class="badge">Randomized trial</li><li class="badge">Phase II</li>'
            '<li class="badge">N = 60</li>') in html
    assert '<ul class="arms"><li>chemotherapy (n = 30)</li><li>observation (n = 30)</li></ul>' in html
    assert '<mark class="swatch" data-curated="true">' in html


def test_headline_prefers_the_effect_size_with_its_ci_and_p():
    html = render(STUDY)
    assert ('<ul class="headline"><li><a href="#f-6">Hazard ratio for overall survival, chemotherapy vs observation: 0.62 (95% CI 0.41–0.93), p = .02</a></li>'
            '<li><a href="#f-4">Overall response rate: 65% (39/60) (95% CI ') in html


@pytest.mark.parametrize("results, expected", [
    ([("hazard_ratio", "study", 0.5), ("response_rate", "study", 20)], ["f-1", "f-2"]),
    ([("response_rate", "study", 20), ("hazard_ratio", "study", 0.5)], ["f-2", "f-1"]),
    # Cited figures and design thresholds are never the study's headline.
    ([("hazard_ratio", "cited", 0.5), ("response_rate", "design", 20), ("median_pfs", "study", 9)], ["f-3"]),
    ([("dose", "study", 5), ("p_value", "study", 0.01), ("count_other", "study", 7)], []),
    ([("response_rate", "study", value) for value in range(5)], ["f-1", "f-2", "f-3"]),
    # The same result said twice (results, then conclusions) is one headline.
    ([("hazard_ratio", "study", 0.5), ("hazard_ratio", "study", 0.5), ("median_pfs", "study", 9)], ["f-1", "f-3"]),
])
def test_headline_choice(results, expected):
    findings = tuple(Finding(kind=kind, value=value, text="1", section="results", sentence="1", start=0, end=1,
                             scope=scope) for kind, scope, value in results)
    study = replace(STUDY, extraction=replace(STUDY.extraction, findings=findings))
    assert [n.anchor for n in headline(key_numbers(study))] == expected


def test_comparison_pages_are_linked_relative_to_the_site_root():
    html = render(STUDY, (PageLink("Effect sizes", "compare/effect-sizes/"), PageLink("Melanoma & <b>", "c/m/")))
    assert ('<li><a href="../compare/effect-sizes/">Effect sizes</a></li>'
            '<li><a href="../c/m/">Melanoma &amp; &lt;b&gt;</a></li>') in html
    assert "Compared on" not in render(STUDY)


def test_citations_are_shown_ready_to_copy():
    html = render(STUDY)
    assert '<pre aria-labelledby="cite-plain" tabindex="0" data-copy="Plain text">Doe A, Roe B. A trial of drug X. J Test Oncol 2020.' in html
    assert '<pre aria-labelledby="cite-bibtex" tabindex="0" data-copy="BibTeX">@article{Doe2020:pmid-42,\n' in html
    assert '<pre aria-labelledby="cite-ris" tabindex="0" data-copy="RIS">TY  - JOUR\n' in html


def test_a_made_title_is_marked_as_made():
    html = render(replace(STUDY, title="Drug X in melanoma", title_generated=True))
    assert '<h1>Drug X in melanoma <span class="badge badge-made"' in html
    assert ">title made from the abstract</span></h1>" in html


HOSTILE = '<script>alert(1)</script> "onmouseover=alert(2) x=\' {{ 7*7 }} {% if 1 %}'


@pytest.mark.parametrize("field", ["title", "authors", "journal", "doi", "pmid", "abstract", "arm", "finding"])
def test_hostile_text_is_shown_as_text_everywhere(field):
    study = STUDY
    if field == "title":
        study = replace(study, title=HOSTILE)
    elif field == "authors":
        study = replace(study, authors=(HOSTILE,))
    elif field in ("journal", "doi", "pmid"):
        study = replace(study, **{field: HOSTILE})
    elif field == "abstract":
        study = replace(study, sections=study.sections + (Section("other", HOSTILE, HOSTILE),))
    elif field == "arm":
        study = replace(study, extraction=replace(study.extraction, arms=(Arm(HOSTILE, 3),)))
    else:
        text = RESULTS + " " + HOSTILE
        bad = Finding(kind="p_value", value=0.5, text=HOSTILE, section="results", sentence=HOSTILE,
                      start=len(RESULTS) + 1, end=len(text), arm=HOSTILE, timepoint=HOSTILE)
        study = replace(study, sections=(Section("results", "Results", text),),
                        extraction=replace(study.extraction, findings=(bad,)))
    html = render(study)
    assert "<script>alert" not in html
    assert '"onmouseover' not in html and "x='" not in html
    assert "49" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "%3Cscript%3E" in html
    assert "{{ 7*7 }}" in html or "%7B%7B" in html


def test_the_hostile_finding_keeps_one_well_formed_mark():
    text = RESULTS + " " + HOSTILE
    bad = Finding(kind="p_value", value=0.5, text=HOSTILE, section="results", sentence=HOSTILE,
                  start=len(RESULTS) + 1, end=len(text))
    study = replace(STUDY, sections=(Section("results", "Results", text),),
                    extraction=replace(STUDY.extraction, findings=(bad,)))
    collector = marks_of(render(study))
    assert collector.texts == [HOSTILE]
    assert collector.marks[0]["aria-label"] == "p-value: " + HOSTILE


def test_a_finding_whose_span_does_not_hold_its_text_is_not_marked_in_the_wrong_place():
    moved = replace(FINDINGS[5], start=0, end=4)
    study = replace(STUDY, extraction=replace(STUDY.extraction, findings=(moved,)))
    html = render(study)
    assert marks_of(html).marks == []
    assert '<tr id="row-f-1"' in html


def test_a_report_of_a_trial_another_study_reports_links_to_it():
    html = render(STUDY, same_trial=SameTrial("NCT01721772", (PageLink("Nivolumab: <FDA> summary", "studies/b.html"),)))
    aside = re.search(r'<aside class="same-trial".*?</aside>', html, re.S).group(0)
    assert '<h2 id="same-trial-title">Same trial: NCT01721772</h2>' in aside
    assert "one of 2 reports of this trial in the review" in aside
    assert '<a href="../studies/b.html">Nivolumab: &lt;FDA&gt; summary</a>' in aside
    assert "same-trial" not in render(STUDY)


def uncertain_study() -> Study:
    """STUDY with its hazard ratio's arm left unsettled by the rules."""
    findings = tuple(replace(f, arm="drug X", uncertain="arm") if f.kind == "hazard_ratio" else f for f in FINDINGS)
    return replace(STUDY, extraction=replace(STUDY.extraction, findings=findings))


def test_an_uncertain_finding_is_marked_to_verify_in_the_abstract():
    mark = marks_of(render(uncertain_study())).marks[5]
    assert (mark["id"], mark.get("data-certain"), mark["title"], mark["aria-label"]) == (
        "f-6", "false", "Hazard ratio (to verify: arm)", "Hazard ratio (to verify: arm): 0.62")
    assert [m.get("data-certain") for m in marks_of(render(STUDY)).marks] == [None] * len(FINDINGS)


def test_an_uncertain_finding_row_says_what_to_verify_with_its_sentence():
    html = render(uncertain_study())
    assert '<th scope="col">Source</th><th scope="col">To verify</th></tr>' in html
    row = html.split('<tr id="row-f-6"')[1].split("</tr>")[0]
    assert row.startswith(' data-kind="hazard_ratio" data-scope="study" data-certain="false">')
    assert row.endswith('<td>Study result</td><td><span class="badge badge-verify">to verify: arm</span> '
                        f'<q class="verify-sentence">{RESULTS}</q></td>')
    assert html.split('<tr id="row-f-5"')[1].split("</tr>")[0].endswith("<td>Study result</td><td></td>")
    assert '<mark class="swatch" data-certain="false">To verify: kept off the comparisons</mark>' in html


def test_a_page_with_nothing_to_verify_has_no_column_for_it():
    html = render(STUDY)
    assert "To verify" not in html and "badge-verify" not in html


def test_an_uncertain_finding_is_no_headline_until_confirmed():
    assert [n.anchor for n in headline(key_numbers(uncertain_study()))] == ["f-4", "f-5"]
    confirmed = replace(uncertain_study(), extraction=replace(uncertain_study().extraction, findings=tuple(
        replace(f, curated=True) if f.uncertain else f for f in uncertain_study().extraction.findings)))
    assert [n.anchor for n in headline(key_numbers(confirmed))] == ["f-6", "f-4", "f-5"]


def test_a_page_made_without_its_key_numbers_crosses_from_a_worker_process_with_its_error():
    import pickle

    from generator.diagnostics import error
    from generator.render.study import PlainPage
    page = pickle.loads(pickle.dumps(PlainPage(b"<html>", error("a.txt", "could not be laid out"))))
    assert (type(page), bytes(page), str(page.fault)) == (PlainPage, b"<html>", "a.txt: error: could not be laid out")


def test_the_curated_swatch_is_in_the_legend_only_when_a_key_number_is_curated():
    plain = replace(STUDY, extraction=replace(STUDY.extraction, findings=tuple(
        replace(f, curated=False) for f in STUDY.extraction.findings)))
    assert '<mark class="swatch" data-curated="true">' not in render(plain)
    assert '<mark class="swatch" data-curated="true">' in render(STUDY)
