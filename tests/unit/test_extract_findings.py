"""Findings: sentence in, typed findings with spans out (one row per construct)."""

import pytest

from generator.config import SiteConfig
from generator.extract.study import extract_study
from generator.model import Record, Section


def findings(text, label="results"):
    x = extract_study(Record(source="t.txt"), (Section(label, None, text),), SiteConfig())
    return x.findings


def summary(f):
    return (f.kind, f.text, f.value, f.unit, f.ci_low, f.ci_high, f.p_value, f.numerator, f.denominator,
            f.arm, f.timepoint, f.scope)


@pytest.mark.parametrize("text, expected", [
    ("The overall objective response rate was 16% (95% confidence interval, 12% to 21%).",
     [("response_rate", "16%", 16, "%", 12, 21, None, None, None, None, None, "study")]),
    ("There were 17 complete responses (CRs) (6%) and 26 partial responses (PRs) (10%).",
     [("complete_response", "17 complete responses (CRs) (6%)", 6, "%", None, None, None, 17, None, None, None, "study"),
      ("partial_response", "26 partial responses (PRs) (10%)", 10, "%", None, None, None, 26, None, None, None, "study")]),
    ("Six patients (2%) died from adverse events.",
     [("mortality", "Six patients (2%)", 2, "%", None, None, None, 6, None, None, None, "study")]),
    ("Recurrent cancer developed in 6 of the 18 patients.",
     [("recurrence_rate", "6 of the 18", 33.3, "%", None, None, None, 6, 18, None, None, "study")]),
    ("The 5-year overall survival rate was 75%.",
     [("overall_survival_rate", "75%", 75, "%", None, None, None, None, None, None, "5-year", "study")]),
    ("At a median follow up of 9.7 years, the study ended.",
     [("follow_up", "9.7", 9.7, "years", None, None, None, None, None, None, None, "study")]),
    ("OS favored the combined arm (HR = 0.58, 95% CI = 0.38 to 0.88, P = .01).",
     [("hazard_ratio", "0.58", 0.58, None, 0.38, 0.88, 0.01, None, None, None, None, "study")]),
    ("The odds ratio was 2.1 (1.2-3.4).",
     [("odds_ratio", "2.1", 2.1, None, 1.2, 3.4, None, None, None, None, None, "study")]),
    ("Median PFS was 8.2 months (95% CI: 6.1-10.4).",
     [("median_pfs", "8.2", 8.2, "months", 6.1, 10.4, None, None, None, None, None, "study")]),
    ("Grade 3 or 4 toxicity occurred in 12% of patients.",
     [("toxicity_rate", "12%", 12, "%", None, None, None, None, None, None, None, "study")]),
    ("The survival rate of patients treated with surgery alone (average, 30%–40%) is lower.",
     [("overall_survival_rate", "30%–40%", 30, "%", None, None, None, None, None, None, None, "cited")]),
    ("Previously, we reported that the primary end point (30-month overall survival [OS] > 38%) was met.",
     [("overall_survival_rate", "38%", 38, "%", None, None, None, None, None, None, "30-month", "design")]),
    ("Median OS was 45.6 months in the combined modality arm vs 40.5 months in the systemic treatment arm.",
     [("median_overall_survival", "45.6", 45.6, "months", None, None, None, None, None, "combined modality", None, "study"),
      ("median_overall_survival", "40.5", 40.5, "months", None, None, None, None, None, "systemic treatment", None, "study")]),
    ("Treatment was given every 6 to 12 weeks for 6 months in patients aged 65 years in 1998.", []),
    ("Patients with fewer than 10 metastases (n < 10) were eligible.", []),
])
def test_sentence_findings(text, expected):
    assert [summary(f) for f in findings(text)] == expected


def test_respectively_list_is_distributed_over_time_points_and_arms():
    text = ("Three-, five-, and eight-year OS were 56.9% (95% CI = 43.3% to 68.5%), 43.1% (95% CI = 30.3% to 55.3%), "
            "35.9% (95% CI = 23.8% to 48.2%), respectively, in the combined modality arm and 55.2% (95% CI = 41.6% "
            "to 66.9%), 30.3% (95% CI = 19.0% to 42.4%), 8.9% (95% CI = 3.3% to 18.1%), respectively, in the "
            "systemic treatment arm.")
    got = [(f.kind, f.value, f.ci_low, f.ci_high, f.timepoint, f.arm) for f in findings(text)]
    assert got == [
        ("overall_survival_rate", 56.9, 43.3, 68.5, "3-year", "combined modality"),
        ("overall_survival_rate", 43.1, 30.3, 55.3, "5-year", "combined modality"),
        ("overall_survival_rate", 35.9, 23.8, 48.2, "8-year", "combined modality"),
        ("overall_survival_rate", 55.2, 41.6, 66.9, "3-year", "systemic treatment"),
        ("overall_survival_rate", 30.3, 19.0, 42.4, "5-year", "systemic treatment"),
        ("overall_survival_rate", 8.9, 3.3, 18.1, "8-year", "systemic treatment"),
    ]


def test_n_of_n_arms_and_computed_percentages():
    text = ("At a median follow up of 9.7 years, 92 of 119 (77.3%) patients had died: 39 of 60 (65.0%) in the "
            "combined modality arm and 53 of 59 (89.8%) in the systemic treatment arm.")
    got = [(f.kind, f.value, f.numerator, f.denominator, f.arm, f.computed) for f in findings(text)][1:]
    assert got == [("mortality", 77.3, 92, 119, None, ()),
                   ("mortality", 65.0, 39, 60, "combined modality", ()),
                   ("mortality", 89.8, 53, 59, "systemic treatment", ())]
    (computed,) = findings("Disease recurred in 6 of 18 patients.")
    assert (computed.value, computed.computed) == (33.3, ("value",))


def test_cited_trial_and_p_value_attached_to_both_sides():
    text = ("A randomized phase III trial for melanoma was recently completed comparing PHP vs. best care. "
            "PHP improved hepatic progression-free survival (8.0 months PHP vs. 1.6 months BAC, p < 0.0001).")
    got = [(f.kind, f.value, f.p_value, f.p_text, f.arm, f.scope) for f in findings(text)]
    assert got == [("median_pfs", 8.0, 0.0001, "< 0.0001", "PHP", "cited"),
                   ("median_pfs", 1.6, 0.0001, "< 0.0001", "BAC", "cited")]


def test_stand_alone_p_value_is_its_own_finding():
    (f,) = findings("The difference between groups was significant (P = .03).")
    assert (f.kind, f.value, f.text, f.relation) == ("p_value", 0.03, "= .03", "=")


@pytest.mark.parametrize("text", [
    "Kopetz S, Chang GJ, et al. Improved survival. J Clin Oncol. 2009;27(22):3677-3683, 45% of cases.",
    "Copyright © 1994-2024 by WebMD LLC, 45% of rights reserved.",
    "Call 555-1234 or visit https://example.org for 20% off.",
])
def test_furniture_gives_no_findings(text):
    assert findings(text) == ()


def test_background_numbers_are_cited():
    (f,) = findings("Resection alone gives a 5-year survival of 30%.", label="background")
    assert f.scope == "cited"


@pytest.mark.parametrize("text, kinds", [
    ("CR and PR rates were 5% and 20%, respectively.", ["complete_response", "partial_response"]),
    ("The 2-year OS and PFS rates were 60% and 41%, respectively.",
     ["overall_survival_rate", "progression_free_survival_rate"]),
])
def test_respectively_list_of_kinds(text, kinds):
    assert [f.kind for f in findings(text)] == kinds


def brief(f):
    return (f.kind, f.value, f.unit, f.arm)


@pytest.mark.parametrize("text, expected", [
    # Zero is a result: no deaths, no responses, no DLT.
    ("There were no objective responses among the 24 evaluable patients.", [("response_rate", 0, "patients", None)]),
    ("No patient experienced a DLT at any level.", [("toxicity_rate", 0, "patients", None)]),
    ("No procedure-related death occurred.", [("mortality", 0, "patients", None)]),
    # A count with its outcome, however the sentence joins them.
    ("Three died of liver failure.", [("mortality", 3, "patients", None)]),
    ("There were 2, 0, and 1 drug-related deaths.", [("mortality", 2, "patients", None),
                                                     ("mortality", 0, "patients", None),
                                                     ("mortality", 1, "patients", None)]),
    ("The ORR was 30.0%, with three out of ten patients showing partial response.",
     [("response_rate", 30.0, "%", None), ("partial_response", 30.0, "%", None)]),
    # "MST" is a median survival time, and "the two groups" unnamed are labelled in the order given; a
    # semicolon after a bracket's abbreviation does not end its clause.
    ("The MSTs of the two groups differed (17.5 vs.12 months, P = 0.03).",
     [("median_overall_survival", 17.5, "months", "group 1"), ("median_overall_survival", 12, "months", "group 2")]),
    ("Overall survival was similar (median, 20.1 v 19.8 months), but time to liver progression (TLP; 8.9 v 6.1 months) "
     "was longer.", [("median_overall_survival", 20.1, "months", None), ("median_overall_survival", 19.8, "months", None),
                     ("time_to_event_other", 8.9, "months", None), ("time_to_event_other", 6.1, "months", None)]),
])
def test_counts_zeros_and_time_to_event_forms(text, expected):
    assert [brief(f) for f in findings(text)] == expected


def test_each_value_of_a_list_in_the_bracket_after_its_own_arm():
    text = ("Patients were randomly assigned to high-dose pump therapy (HD; n = 40) or low-dose pump therapy "
            "(LD; n = 41). Responses were more frequent with HD pump therapy (24%) versus LD pump therapy (11%; P = .04).")
    got = [(f.value, f.arm) for f in findings(text) if f.kind == "response_rate"]
    assert got == [(24, "HD"), (11, "LD")]


@pytest.mark.parametrize("text, expected", [
    # Unnamed subgroups the abstract counts, reported "each" in order.
    ("Patients fell into 3 subgroups by risk. Median survival for each subgroup was 22, 13 and 6 months, respectively.",
     [("median_overall_survival", 22, "months", "subgroup 1"), ("median_overall_survival", 13, "months", "subgroup 2"),
      ("median_overall_survival", 6, "months", "subgroup 3")]),
    # The ends of a range are figures of their own, never a median.
    ("Earlier series reported 5-year survivals ranging from 20-45%.",
     [("overall_survival_rate", 20, "%", None), ("overall_survival_rate", 45, "%", None)]),
    ("Progression-free survival ranges from 4+ years to 21+ years.",
     [("count_other", 4, "years", None), ("count_other", 21, "years", None)]),
    # A comparison's values measure what its clause is about.
    ("Median OS was 14.2 months and was longer in responders than in nonresponders (22.5 vs. 9.1 months, p < 0.01).",
     [("median_overall_survival", 14.2, "months", None), ("median_overall_survival", 22.5, "months", "responders"),
      ("median_overall_survival", 9.1, "months", "nonresponders")]),
    # Counts of events, not of people; "grade 3/4" is a grade.
    ("Forty-two M-PHP procedures were performed and nine serious adverse events occurred.",
     [("count_other", 42, "procedures", None), ("toxicity_rate", 9, "events", None)]),
    ("Grade 3/4 adverse events were observed in most patients.", []),
    ("Grade 3 or 4 adverse events occurred in 20 patients (31.2%).", [("toxicity_rate", 31.2, "%", None)]),
])
def test_subgroups_ranges_comparisons_and_events(text, expected):
    assert [brief(f) for f in findings(text) if f.kind != "p_value"] == expected


@pytest.mark.parametrize("text, expected", [
    # A count of people after an outcome the sentence says happened, and the items listed after it.
    ("Therapy was stopped due to toxicity for five patients: neuropathy (3 patients) and rash (2 patients).",
     [("toxicity_rate", 5, "patients", None), ("toxicity_rate", 3, "patients", None),
      ("toxicity_rate", 2, "patients", None)]),
    ("Late toxic effects were noted in two additional patients.", [("toxicity_rate", 2, "patients", None)]),
    ("Seven of 30 patients (23%) responded, with one complete response.",
     [("response_rate", 23, "%", None), ("complete_response", 1, "patients", None)]),
    # Counts of people that were only looked at, or that name no outcome, are no key numbers.
    ("Toxicity was evaluated in 45 patients.", []),
    ("Liver metastases were found in 12 patients.", []),
])
def test_counts_of_people_named_by_an_outcome(text, expected):
    assert [brief(f) for f in findings(text)] == expected


def test_groups_listed_before_respectively_and_a_later_list_that_follows_them():
    text = ("Patients were divided into 3 groups: small (<3 cm), medium (3-6 cm) and large (>6 cm) tumours. "
            "Responses were seen in 91%, 80%, and 62% for small, medium, and large tumours, respectively, and the "
            "2-year local control rates were 95%, 81%, and 70%, respectively.")
    got = [(f.kind, f.value, f.arm, f.timepoint) for f in findings(text) if f.value in (91, 80, 62, 95, 81, 70)]
    assert [g[2] for g in got] == ["small", "medium", "large tumours"] * 2
    assert [g[3] for g in got] == [None] * 3 + ["2-year"] * 3


@pytest.mark.parametrize("text, expected", [
    # Time points named in words before a "respectively" list.
    ("Local control rates at one and two years were 86% and 71%, respectively.",
     [("count_other", 86, "1-year"), ("count_other", 71, "2-year")]),
    # A "respectively" list of durations keeps its kinds item by item.
    ("Median PFS and OS were 5 months (95% CI 3-7) and 14 months (95% CI 10-19), respectively.",
     [("median_pfs", 5, None), ("median_overall_survival", 14, None)]),
    # The spread of a median is no result of its own.
    ("Patients were followed for a median of 41 months (range, 3–98 months).", [("follow_up", 41, None)]),
])
def test_time_points_in_words_and_ranges(text, expected):
    assert [(f.kind, f.value, f.timepoint) for f in findings(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # An outcome written right after its number names it, whatever an earlier item left behind.
    ("The best response was 12% partial response, 61% stable disease, and 27% progressive disease.",
     [("partial_response", 12), ("stable_disease", 61), ("count_other", 27)]),
    ("Partial response was 21%, with 64% stable and 15% progressive disease.",
     [("partial_response", 21), ("stable_disease", 64), ("count_other", 15)]),
    # Two kinds over two groups each: the kinds repeat in order.
    ("Objective response and stable disease, as best response, were seen in 20 patients (14.1%) and 90 patients "
     "(63.4%) after course A, and in 4 patients (30.8%) and 6 patients (46.2%) after course B, respectively.",
     [("response_rate", 14.1), ("stable_disease", 63.4), ("response_rate", 30.8), ("stable_disease", 46.2)]),
    # A threshold for entry is the design's; a dose's range and a scale are no doses.
    ("Patients were selected for retreatment if they had a minimal progression-free survival of 12 months.",
     [("median_pfs", 12)]),
    ("Median cumulative activity was 41.2 GBq (range 22.0–45.9 GBq).", [("dose", 41.2)]),
    ("Dose was associated with response (odds ratio 1.4 per 40 Gy [95% CI: 1.1–1.9]).", [("odds_ratio", 1.4)]),
])
def test_item_labels_cycles_thresholds_and_dose_spreads(text, expected):
    assert [(f.kind, f.value) for f in findings(text, "methods" if "selected" in text else "results")] == expected
    if "selected" in text:
        (f,) = findings(text, "methods")
        assert (f.relation, f.scope) == (">=", "design")
