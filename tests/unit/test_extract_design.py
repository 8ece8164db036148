"""Design, phase, population, arms and vocabulary from a study's own sentences."""

import pytest

from generator.config import SiteConfig, Term
from generator.extract.study import extract_study
from generator.model import Record, Section


def extract(methods, results="", title=None, types=(), config=SiteConfig()):
    sections = tuple(Section(label, None, text) for label, text in (("methods", methods), ("results", results)) if text)
    return extract_study(Record(source="t.txt", title=title, publication_types=types), sections, config)


@pytest.mark.parametrize("methods, results, types, design, phase, n_total", [
    ("In this randomized phase II trial, 119 patients (n < 10 metastases) received treatment.", "", (),
     "randomized_trial", "II", 119),
    ("We present a case report of the treatment of leiomyosarcoma.",
     "A randomized phase III trial for melanoma was recently completed comparing PHP with care.", (),
     "case_report", None, 1),
    ("A pilot study was conducted of 18 patients with liver metastases.", "", (), "single_arm_trial", None, 18),
    ("Two hundred seventy assessable patients were entered onto eight clinical trials.", "", (),
     "pooled_analysis", None, 270),
    ("We retrospectively reviewed 84 consecutive patients treated with ablation.", "", (),
     "retrospective_cohort", None, 84),
    ("During an 11-year period, 195 patients underwent cytoreductive surgery.", "", ("Clinical Trial",),
     "single_arm_trial", None, 195),
    ("This meta-analysis pooled 12 trials including 3,456 patients.", "", (), "meta_analysis", None, 3456),
])
def test_design_and_population(methods, results, types, design, phase, n_total):
    x = extract(methods, results, types=types)
    assert (x.design, x.phase, x.n_total) == (design, phase, n_total)


def test_recommended_trial_is_not_this_study():
    x = extract("A pilot study was conducted of 18 patients.", "A multicenter randomized trial is recommended.")
    assert x.design == "single_arm_trial"


def test_arms_from_denominators_and_n_equals():
    x = extract("Patients were randomly assigned to chemotherapy (n = 61) or observation (n = 58).")
    assert [(a.name, a.n) for a in x.arms] == [("chemotherapy", 61), ("observation", 58)]
    assert x.n_total == 119
    y = extract("In this randomized trial 119 patients were treated.",
                "In all, 39 of 60 (65.0%) in the combined modality arm and 53 of 59 (89.8%) in the systemic "
                "treatment arm died.")
    assert [(a.name, a.n) for a in y.arms] == [("combined modality", 60), ("systemic treatment", 59)]


def test_vocabulary_uses_config_then_starter_terms():
    config = SiteConfig(conditions=(Term("bowel cancer", ("colorectal cancer",)),))
    x = extract("We treated 20 patients with colorectal cancer and melanoma using RFA and 5-FU.", config=config)
    assert x.conditions == ("bowel cancer", "melanoma")
    assert x.interventions == ("radiofrequency ablation", "fluorouracil")


@pytest.mark.parametrize("text, found", [
    ("RFA was given.", ("radiofrequency ablation",)),
    ("(RFA) was given.", ("radiofrequency ablation",)),
    ("RFA-treated lesions", ("radiofrequency ablation",)),
    # An abbreviation is a word of its own: not the end of a longer word, nor after a hyphen or a digit.
    ("xRFA was given.", ()),
    ("pre-RFA imaging", ()),
    ("2RFA was given.", ()),
    ("RFAs were given.", ()),
])
def test_an_abbreviation_is_found_as_a_word_of_its_own(text, found):
    assert extract(f"We treated 20 patients. {text}").interventions == found


def extract_sections(*sections, title=None):
    return extract_study(Record(source="t.txt", title=title), tuple(Section(label, None, text)
                                                                    for label, text in sections), SiteConfig())


@pytest.mark.parametrize("sections, design, phase", [
    # A background sentence that names this study is this study's.
    ((("background", "This multicentre phase II trial was conducted to evaluate drug A in mesothelioma."),
      ("methods", "Forty patients were included in this study.")), "single_arm_trial", "II"),
    ((("background", "Drug A improved survival in a phase 3 study of pretreated patients. We conducted a phase 3 "
                     "study of drug A plus drug B in untreated patients."),
      ("methods", "We randomly assigned 410 patients to drug A plus drug B or drug B plus placebo.")),
     "randomized_trial", "III"),
    # The literature's designs and phases are not this study's.
    ((("objective", "Phase II trials of drug C have shown encouraging responses, and meta-analyses and one phase III "
                    "trial have suggested a survival benefit. A phase III trial was performed to compare drug C "
                    "with chemotherapy."),
      ("methods", "Patients were randomly assigned to drug C or chemotherapy.")), "randomized_trial", "III"),
    ((("methods", "A randomized trial showed a benefit of adjuvant gemcitabine. We retrospectively reviewed 120 patients "
                  "treated with gemcitabine."),), "retrospective_cohort", None),
    ((("background", "Phase 1 and phase 2 studies of drug D were promising."),
      ("methods", "We retrospectively reviewed 64 patients treated with drug D.")), "retrospective_cohort", None),
    ((("methods", "A database of 280 patients treated with drug E has been analyzed to find prognostic factors."),
      ("results", "The model may help to stratify patients in randomized clinical trials.")), "case_series", None),
    ((("methods", "We reviewed 95 patients. Data were entered into an electronic case report form."),),
     "retrospective_cohort", None),
    ((("methods", "Sixteen RCTs (10 phase III and 6 phase II) enrolling 3,500 patients were included."),),
     "meta_analysis", None),
    # Randomised in other words; a phase written with a hyphen.
    ((("methods", "Sixty elderly patients were eligible. Patients were divided into group A and group B randomly."),),
     "randomized_trial", None),
    ((("methods", "We performed a randomized two-stage phase-II study of hepatic arterial infusion."),),
     "randomized_trial", "II"),
])
def test_design_and_phase_from_this_studys_sentences(sections, design, phase):
    x = extract_sections(*sections)
    assert (x.design, x.phase) == (design, phase)


def test_pooled_analysis_has_the_phase_of_the_trials_it_pools():
    x = extract_sections(("methods", "We pooled individual patient data from four phase II trials of drug F. "
                                     "A total of 150 patients were included."))
    assert (x.design, x.phase, x.n_total) == ("pooled_analysis", "II", 150)
