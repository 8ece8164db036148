"""Rules that generalise beyond the annotated set (issue #3): one row per construct, own wording."""

import pytest

from generator.config import SiteConfig
from generator.extract.study import extract_study
from generator.model import Record, Section


def extraction(text, label="results"):
    return extract_study(Record(source="t.txt"), (Section(label, None, text),), SiteConfig())


def rows(text):
    return [(f.kind, f.text, f.value, f.numerator, f.denominator, f.arm, f.p_value)
            for f in extraction(text).findings]


@pytest.mark.parametrize("text, expected", [
    # The nearest cue before a number wins unless a predicate follows it.
    ("Complete response was seen in 9 patients (12.5%) and stable disease in 30 (41.7%).",
     [("complete_response", "9 patients (12.5%)", 12.5, 9, None, None, None),
      ("stable_disease", "30 (41.7%)", 41.7, 30, None, None, None)]),
    ("Overall, 14 patients (20%) had stable disease.",
     [("stable_disease", "14 patients (20%)", 20, 14, None, None, None)]),
    # "X-induced ..." is harm done by the treatment.
    ("Drug-induced pneumonitis developed in 3 patients (5.0%).",
     [("toxicity_rate", "3 patients (5.0%)", 5.0, 3, None, None, None)]),
    # Zero events are a result.
    ("There were no perioperative deaths, and 11 patients (22%) had complications.",
     [("mortality", "no perioperative deaths", 0, 0, None, None, None),
      ("toxicity_rate", "11 patients (22%)", 22, 11, None, None, None)]),
    ("No treatment-related mortality was observed among 40 patients.",
     [("mortality", "No treatment-related mortality", 0, 0, None, None, None)]),
    # Counts of responses written as "N (patients) had a ... response".
    ("Two patients had a complete response and five had partial responses.",
     [("complete_response", "Two", 2, 2, None, None, None),
      ("partial_response", "five", 5, 5, None, None, None)]),
    # A fraction in brackets is the percentage's numerator and denominator.
    ("The response rate was 12.5% (5/40; 95% CI, 4.2-26.8).",
     [("response_rate", "12.5%", 12.5, 5, 40, None, None)]),
    # "X versus Y months": both numbers are durations.
    ("Median overall survival was 18.4 versus 15.0 months (P = .02).",
     [("median_overall_survival", "18.4", 18.4, None, None, None, 0.02),
      ("median_overall_survival", "15.0", 15.0, None, None, None, 0.02)]),
    # A p-value tests a comparison, never the follow-up time.
    ("After a median follow-up of 31.0 months, the 2-year survival rate was 60% vs 45% (P = .01).",
     [("follow_up", "31.0", 31.0, None, None, None, None),
      ("overall_survival_rate", "60%", 60, None, None, None, 0.01),
      ("overall_survival_rate", "45%", 45, None, None, None, 0.01)]),
    # A between-arm difference is not typed as a rate.
    ("Local recurrence occurred in 8.0% versus 11.5% (difference -3.5%, 95% CI -9.0 to 2.0).",
     [("recurrence_rate", "8.0%", 8.0, None, None, None, None),
      ("recurrence_rate", "11.5%", 11.5, None, None, None, None)]),
])
def test_generalised_rules(text, expected):
    assert rows(text) == expected


RCT = ("Methods: Patients were randomly assigned to gemcitabine plus cisplatin 25 mg/m2 weekly (n = 90) or "
       "gemcitabine alone (n = 91). ")


@pytest.mark.parametrize("results, arms", [
    # Named after the number ("with ARM").
    ("Results: Median PFS was 8.0 months with gemcitabine plus cisplatin versus 5.0 months with gemcitabine alone.",
     ["gemcitabine plus cisplatin", "gemcitabine alone"]),
    # "A versus B" with no arm named: the allocation's order.
    ("Results: The response rate was 26.1% versus 15.5%.", ["gemcitabine plus cisplatin", "gemcitabine alone"]),
    # Later mentions of an arm ("combination", hyphenated) map onto the allocated arms.
    ("Results: Grade 3 neutropenia occurred in 20 patients (22.2%) in the combination arm and 9 patients (9.9%) "
     "in the gemcitabine-alone arm.", ["gemcitabine plus cisplatin", "gemcitabine alone"]),
    # One number and one arm in a sentence belong together.
    ("Results: Three treatment-related deaths occurred in the combination arm.", ["gemcitabine plus cisplatin"]),
])
def test_arms_follow_the_allocation(results, arms):
    x = extraction(RCT + results, "other")
    assert [(a.name, a.n) for a in x.arms] == [("gemcitabine plus cisplatin", 90), ("gemcitabine alone", 91)]
    assert [f.arm for f in x.findings if f.kind != "dose"] == arms


@pytest.mark.parametrize("text, expected", [
    # One measure named once for a list of time points.
    ("The 1-, 2- and 4-year PFS rates were 70%, 45% and 20%, respectively, and the 4-year OS rate was 51%.",
     [("progression_free_survival_rate", 70, "1-year"), ("progression_free_survival_rate", 45, "2-year"),
      ("progression_free_survival_rate", 20, "4-year"), ("overall_survival_rate", 51, "4-year")]),
    # "at N years" before the numbers gives every number of the clause its time point.
    ("Local tumour progression at 3 years occurred in 12% of patients after surgery and 18% after ablation.",
     [("recurrence_rate", 12, "3-year"), ("recurrence_rate", 18, "3-year")]),
    # A rate with no kind of its own still keeps its time point.
    ("The 2-year local control rate was 91%.", [("count_other", 91, "2-year")]),
])
def test_timepoints(text, expected):
    assert [(f.kind, f.value, f.timepoint) for f in extraction(text).findings] == expected


@pytest.mark.parametrize("text, n_total", [
    ("Methods: Records of 87 patients who underwent resection were reviewed.", 87),
    ("Results: Twelve trials with 3,410 patients were included in the meta-analysis.", 3410),
    ("Methods: A subgroup of 40 patients with cirrhosis was compared.", None),
])
def test_total_after_records_or_studies(text, n_total):
    assert extraction(text, "other").n_total == n_total


@pytest.mark.parametrize("text, expected", [
    # A time-point list without "respectively": one each, in order.
    ("The 1-, 3- and 5-year overall survival rates were 94%, 63% and 41%.",
     [("overall_survival_rate", "94%", "1-year"), ("overall_survival_rate", "63%", "3-year"),
      ("overall_survival_rate", "41%", "5-year")]),
    # As many rates as time points, or none of the list's time points: never the last one for all.
    ("The 1- and 3-year overall survival rates were 90%, 70% and 50% in the three cohorts.",
     [("overall_survival_rate", "90%", None), ("overall_survival_rate", "70%", None),
      ("overall_survival_rate", "50%", None)]),
])
def test_timepoint_lists_without_respectively(text, expected):
    assert [(f.kind, f.text, f.timepoint) for f in extraction(text).findings] == expected


@pytest.mark.parametrize("text, expected", [
    # "at 24 months" is when a rate was measured, not a median.
    ("Overall survival at 24 months was 46.5% in the IHP arm and 29.5% in the BAC arm (P = .12).",
     [("overall_survival_rate", "46.5%", "24-month"), ("overall_survival_rate", "29.5%", "24-month")]),
    # A percentage change is a number of the study, but no response rate.
    ("A partial response was documented, with a 54% reduction in the sum of target lesion diameters.",
     [("count_other", "54%", None)]),
])
def test_time_points_and_changes_are_not_mistaken_for_outcomes(text, expected):
    assert [(f.kind, f.text, f.timepoint) for f in extraction(text).findings] == expected


def test_arm_sizes_listed_in_one_bracket():
    found = extract_study(Record(source="t.txt"), (Section("results", None,
                          "A total of 93 patients were randomised (IHP n = 46; BAC n = 47)."),), SiteConfig())
    assert [(a.name, a.n) for a in found.arms] == [("IHP", 46), ("BAC", 47)]
