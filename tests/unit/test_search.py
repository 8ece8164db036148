"""Search records: facets, result metadata, sort keys and number phrases (generator/search.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.model import Arm, Extraction, Finding, Section, Study
from generator.search import (
    UNKNOWN_SIZE, UNKNOWN_YEAR, headline_numbers, headline_text, number_phrase, outcomes_measured,
    search_facets, search_record, size_bucket, year_bucket,
)

HR = Finding(kind="hazard_ratio", value=0.62, text="0.62", section="results",
             sentence="Overall survival was longer (HR 0.62; 95% CI 0.41 to 0.93; P = .02).",
             start=31, end=35, ci_low=0.41, ci_high=0.93, ci_level=95, p_text="= .02")
ORR = Finding(kind="response_rate", value=31, text="31%", unit="%", section="results",
              sentence="The response rate was 31%.", start=22, end=25)
OS5 = Finding(kind="overall_survival_rate", value=48, text="48%", unit="%", section="results",
              sentence="The 5-year survival was 48% with surgery.", start=24, end=27,
              timepoint="5-year", arm="surgery")
MOS = Finding(kind="median_overall_survival", value=21.5, text="21.5", unit="months", section="results",
              sentence="Median survival was 21.5 months.", start=20, end=24, relation=">")
CITED_PFS = Finding(kind="median_pfs", value=7.1, text="7.1", unit="months", section="background",
                    sentence="A prior trial reported 7.1 months.", start=23, end=26, scope="cited")
DEATHS = Finding(kind="mortality", value=3, text="Three", section="results",
                 sentence="Three patients died.", start=0, end=5)


def make_study(**changes) -> Study:
    """An invented study; ``changes`` replace its fields (extraction fields too)."""
    extraction = {"design": "randomized_trial", "phase": "III", "n_total": 212,
                  "conditions": ("gastric cancer",), "interventions": ("docetaxel",),
                  "findings": (HR, ORR)}
    extraction.update({k: changes.pop(k) for k in list(changes) if k in extraction})
    fields = {
        "id": "doi-10-9999-test-1", "source": "test.txt", "title": "Docetaxel after gastrectomy",
        "title_generated": False, "authors": ("Okafor N", "Lindqvist E"), "journal": "Gastric Oncol",
        "year": 2014, "doi": "10.9999/test.1", "pmid": None, "publication_types": (), "mesh_terms": (),
        "sections": (Section("results", "Results", "Overall survival was longer (HR 0.62; 95% CI 0.41 to 0.93; "
                                                   "P = .02). The response rate was 31%."),),
        "extraction": Extraction(**extraction),
    }
    fields.update(changes)
    return Study(**fields)


@pytest.mark.parametrize(("year", "bucket"), [
    (None, UNKNOWN_YEAR), (1985, "1980s"), (1990, "1990s"), (1999, "1990s"), (2017, "2010s"), (2024, "2020s"),
])
def test_year_bucket(year, bucket):
    assert year_bucket(year) == bucket


@pytest.mark.parametrize(("n", "bucket"), [
    (None, UNKNOWN_SIZE), (0, UNKNOWN_SIZE), (1, "1"), (2, "2–19"), (19, "2–19"), (20, "20–49"),
    (99, "50–99"), (119, "100–299"), (270, "100–299"), (300, "300–999"), (999, "300–999"),
    (1000, "1000 or more"), (25000, "1000 or more"),
])
def test_size_bucket(n, bucket):
    assert size_bucket(n) == bucket


@pytest.mark.parametrize(("finding", "text"), [
    (HR, "Hazard ratio for overall survival: 0.62 (95% CI 0.41–0.93)"),
    (Finding(**{**HR.__dict__, "ci_level": 99.79}), "Hazard ratio for overall survival: 0.62 (99.79% CI 0.41–0.93)"),
    (Finding(**{**HR.__dict__, "ci_level": None}), "Hazard ratio for overall survival: 0.62 (95% CI 0.41–0.93)"),
    (ORR, "Overall response rate: 31%"),
    (OS5, "5-year overall survival, surgery: 48%"),
    (MOS, "Median overall survival: > 21.5 months"),
    (DEATHS, "Deaths: 3 patients"),
    (Finding(kind="mortality", value=1, text="One", section="results", sentence="One patient died.", start=0, end=3),
     "Deaths: 1 patient"),
    (Finding(kind="mortality", value=39, text="39", section="results", sentence="39 of 60 died.",
             start=0, end=2, numerator=39, denominator=60, arm="combined"), "Deaths, combined: 39 of 60 patients"),
    # The count, not the abstract's raw words: "17 complete responses (CRs) (6%)".
    (Finding(kind="complete_response", value=6, text="17 complete responses (CRs) (6%)", unit="%", section="results",
             sentence="There were 17 complete responses (CRs) (6%).", start=10, end=42, numerator=17),
     "Complete response: 17 patients (6%)"),
    # A rate the abstract gives only as a count: the count, not the percentage worked out from it.
    (Finding(kind="recurrence_rate", value=33.3, text="6 of the 18", unit="%", section="results",
             sentence="Recurrent cancer developed in 6 of the 18 patients.", start=30, end=41,
             numerator=6, denominator=18, computed=("value",)), "Recurrence: 6 of 18 patients"),
])
def test_headline_text_is_a_sentence_naming_its_outcome(finding, text):
    assert headline_text(finding) == text


def test_a_headline_ratio_names_its_comparison():
    hr = Finding(kind="hazard_ratio", value=0.42, text="0.42", section="results", start=0, end=4,
                 sentence="Overall survival was longer with nivolumab than with dacarbazine (HR 0.42).")
    assert headline_text(hr, (Arm("nivolumab"), Arm("dacarbazine"))) == (
        "Hazard ratio for overall survival, nivolumab vs dacarbazine: 0.42")


@pytest.mark.parametrize(("findings", "expected"), [
    ((), ()),
    ((ORR, HR), ("Hazard ratio for overall survival: 0.62 (95% CI 0.41–0.93)", "Overall response rate: 31%")),
    ((CITED_PFS,), ()),
    ((Finding(**{**HR.__dict__, "uncertain": "arm"}),), ()),
    ((DEATHS, OS5, MOS, ORR, HR), ("Hazard ratio for overall survival: 0.62 (95% CI 0.41–0.93)",
                                   "Overall response rate: 31%", "Median overall survival: > 21.5 months")),
    # A number whose arm the rules guessed is no headline; once confirmed (curated) it is.
    ((replace(HR, uncertain="arm"), ORR), ("Overall response rate: 31%",)),
    ((replace(HR, uncertain="arm", curated=True), ORR),
     ("Hazard ratio for overall survival: 0.62 (95% CI 0.41–0.93)", "Overall response rate: 31%")),
])
def test_headline_numbers_are_own_certain_results_most_telling_first(findings, expected):
    assert headline_numbers(findings) == expected


@pytest.mark.parametrize(("finding", "phrase"), [
    (HR, "hazard ratio 0.62 95% CI 0.41 to 0.93 P = .02"),
    (ORR, "response rate 31%"),
    (OS5, "5-year overall survival rate 48% surgery"),
    (MOS, "median overall survival 21.5 months"),
])
def test_number_phrase_names_the_kind_so_words_find_it(finding, phrase):
    assert number_phrase(finding) == phrase


@pytest.mark.parametrize(("findings", "outcomes"), [
    ((), ()),
    ((HR, ORR), ("Hazard ratio", "Response rate")),
    ((OS5, MOS, DEATHS), ("Overall survival", "Mortality")),
    ((CITED_PFS,), ()),
    # A kind the rules could not settle supports no outcome; an unsettled arm leaves the kind standing.
    ((replace(ORR, uncertain="kind"), replace(HR, uncertain="arm")), ("Hazard ratio",)),
    ((replace(ORR, uncertain="kind", curated=True),), ("Response rate",)),
])
def test_outcomes_measured_counts_only_the_study_own_numbers(findings, outcomes):
    assert outcomes_measured(findings) == outcomes


def test_search_record_fields():
    record = search_record(make_study())
    assert record.title == "Docetaxel after gastrectomy"
    assert (record.year, record.design, record.size) == ("2014", "Randomized trial, phase III", "N = 212")
    assert record.filters == (
        ("design", "Randomized trial"), ("phase", "Phase III"), ("condition", "gastric cancer"),
        ("intervention", "docetaxel"), ("outcome", "Hazard ratio"), ("outcome", "Response rate"),
        ("year", "2010s"), ("size", "100–299"),
    )
    assert record.sorts == (("year", 2014), ("size", 212))


def test_search_record_of_a_study_with_nothing_known():
    record = search_record(make_study(design="other", phase=None, n_total=None, conditions=(),
                                      interventions=(), findings=(), year=None))
    assert (record.year, record.design, record.size, record.headline) == ("", "Other design", "", ())
    assert record.filters == (("design", "Other design"), ("year", UNKNOWN_YEAR), ("size", UNKNOWN_SIZE))
    assert record.sorts == (("year", 0), ("size", 0))


def test_every_design_and_bucket_has_a_place_in_the_facet_order():
    orders = {facet.key: facet.order for facet in search_facets()}
    assert [f.key for f in search_facets()] == ["design", "phase", "condition", "intervention", "outcome",
                                               "year", "size"]
    for n in (None, 1, 5, 30, 70, 150, 500, 5000):
        assert size_bucket(n) in orders["size"]
    for year in (None, 1955, 1997, 2025):
        assert year_bucket(year) in orders["year"]
