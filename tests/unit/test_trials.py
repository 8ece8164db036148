"""One trial, one count (generator/trials.py): registration numbers and names read, reports grouped."""

from __future__ import annotations

import pytest

from generator.compare import build_comparisons, comparison_part
from generator.config import SiteConfig
from generator.model import Extraction, Finding, Section, Study
from generator.trials import TrialGroup, group_reports, trial_keys


def study(sid: str, text: str, title: str = "A study", findings: tuple[Finding, ...] = ()) -> Study:
    return Study(id=sid, source=f"{sid}.txt", title=title, title_generated=False, authors=(), journal=None, year=2015,
                 doi=None, pmid=None, publication_types=(), mesh_terms=(), sections=(Section("results", None, text),),
                 extraction=Extraction(design="randomized_trial", n_total=400, findings=findings))


@pytest.mark.parametrize("text, keys", [
    ("Registered with ClinicalTrials.gov, NCT01721772.", [("NCT01721772", "NCT01721772")]),
    ("(CheckMate 066 ClinicalTrials.gov number, NCT 01721772)",
     [("NCT01721772", "NCT01721772"), ("name:checkmate 066", "CheckMate 066")]),
    ("ISRCTN 12345678 and EudraCT number: 2012-001234-56.",
     [("ISRCTN12345678", "ISRCTN12345678"), ("EUDRACT 2012-001234-56", "EudraCT 2012-001234-56")]),
    ("EUDRA CT number 2012-001234-56", [("EUDRACT 2012-001234-56", "EudraCT 2012-001234-56")]),
    ("In the MOSAIC trial, and in the KEYNOTE-006 study,",
     [("name:keynote 006", "KEYNOTE-006"), ("name:mosaic", "MOSAIC")]),
    ("In this phase III trial, an EORTC study and the RFA trial, IL-12 and CTLA-4 levels rose.", []),
])
def test_a_trial_is_named_by_its_registration_number_or_the_name_the_abstract_gives(text, keys):
    assert sorted(trial_keys(study("a", text))) == sorted(keys)


def test_reports_sharing_any_key_are_one_trial_labelled_by_its_registration_number():
    keys = {"a": (("NCT01721772", "NCT01721772"),),
            "b": (("NCT01721772", "NCT01721772"), ("name:checkmate 066", "CheckMate 066")),
            "c": (("name:checkmate 066", "CheckMate 066"),), "d": (("name:mosaic", "MOSAIC"),), "e": ()}
    group = TrialGroup("NCT01721772", ("a", "b", "c"))
    assert group_reports(keys) == {"a": group, "b": group, "c": group}


def test_an_outcome_page_groups_a_trials_reports_and_counts_the_trial_once():
    hr = Finding(kind="hazard_ratio", value=0.42, text="0.42", section="results",
                 sentence="Overall survival: HR 0.42 (95% CI 0.3 to 0.6).", start=0, end=4, ci_low=0.3, ci_high=0.6)
    studies = (study("a", "NCT01721772. HR 0.42.", findings=(hr,)), study("b", "NCT01721772.", findings=(hr,)),
               study("c", "Another trial.", findings=(hr,)))
    config = SiteConfig(comparison_min_studies=1)
    comparisons = build_comparisons([comparison_part(s, config) for s in studies], config)
    page = next(p for p in comparisons.pages if p.key == "effect_sizes")
    assert page.summary == "3 results from 3 studies, which report 2 trials."
    assert [(r.study_id, r.trial, r.trial_reports) for r in page.groups[0].rows] == [
        ("c", None, 0), ("a", "NCT01721772", 2), ("b", "NCT01721772", 2)]
    assert comparisons.trials["b"] == TrialGroup("NCT01721772", ("a", "b"))
