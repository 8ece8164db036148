"""Whose number is it: sentences in, each finding's arm (and whether the rules settled it) out.

One row per construct, in the shape of a real abstract, in our own words and numbers.
"""

import pytest

from generator.config import SiteConfig
from generator.extract.study import extract_study
from generator.model import Record, Section


def extraction(text, title=None):
    return extract_study(Record(source="t.txt", title=title), (Section("other", None, text),), SiteConfig())


def arms(text, title=None, kinds=None):
    return [(f.kind, f.value, f.arm) for f in extraction(text, title).findings
            if kinds is None or f.kind in kinds]


ALLOCATION = "Patients were randomly assigned to alphamab plus betanib (n = 120) or betanib alone (n = 118). "


@pytest.mark.parametrize("text, expected", [
    # The arm named right after each number.
    ("The response rate was 13% for patients receiving drug one alone and 16% for patients who received drug one "
     "with vaccine (P = .04).",
     [("response_rate", 13, "drug one alone"), ("response_rate", 16, "drug one with vaccine")]),
    # The arm whose bracket a number sits in.
    (ALLOCATION + "Responses were more frequent with alphamab plus betanib (41%) than with betanib alone "
     "(22%; P = .01).",
     [("response_rate", 41, "alphamab plus betanib"), ("response_rate", 22, "betanib alone")]),
    # "x vs y" in the order the sentence names the arms.
    (ALLOCATION + "Median PFS was longer for alphamab plus betanib than for betanib alone (6.8 vs 3.9 months; "
     "P = .01), as were response rates (41% and 22%).",
     [("median_pfs", 6.8, "alphamab plus betanib"), ("median_pfs", 3.9, "betanib alone"),
      ("response_rate", 41, "alphamab plus betanib"), ("response_rate", 22, "betanib alone")]),
    # A "respectively" list over the arms named after it.
    (ALLOCATION + "Three-year OS rates were 61.2% and 50.4% in the alphamab plus betanib and betanib alone groups, "
     "respectively.",
     [("overall_survival_rate", 61.2, "alphamab plus betanib"), ("overall_survival_rate", 50.4, "betanib alone")]),
    # "with X" / "without X", and "without" alone after "with X".
    ("The median OS for patients with HAI (n = 700) was 60 months versus 40 months without HAI (n = 1,500; "
     "P < .001). In node-negative patients, median OS was 110 months with HAI vs 48 months without (P < .001).",
     [("median_overall_survival", 60, "HAI"), ("median_overall_survival", 40, "no HAI"),
      ("median_overall_survival", 110, "HAI"), ("median_overall_survival", 48, "no HAI")]),
    # One number named, the other is the other arm's.
    ("The median OS for patients with HAI (n = 700) was 60 months versus 40 months without HAI (n = 1,500). "
     "OS at 5 years was 51.0% versus 33.5% without HAI.",
     [("median_overall_survival", 60, "HAI"), ("median_overall_survival", 40, "no HAI"),
      ("overall_survival_rate", 51.0, "HAI"), ("overall_survival_rate", 33.5, "no HAI")]),
    # The one arm a sentence is about.
    ("Patients were divided into Group A and Group B. In Group A, the disease control rate was 90.5%.",
     [("disease_control_rate", 90.5, "Group A")]),
    # Subgroups compared, not allocated.
    ("Median OS was significantly longer in responders than in nonresponders (26.5 vs 10.9 months, p < 0.001).",
     [("median_overall_survival", 26.5, "responders"), ("median_overall_survival", 10.9, "nonresponders")]),
    # Groups listed each with its bracket.
    ("Thirty patients (6 Y90, 10 PHP, 12 CE) were treated. PFS differed: Y90 (50 days), CE (48 days), "
     "PHP (240 days), P = 0.03.",
     [("median_pfs", 50, "Y90"), ("median_pfs", 48, "CE"), ("median_pfs", 240, "PHP")]),
])
def test_each_number_takes_its_arm(text, expected):
    assert arms(text, kinds={e[0] for e in expected}) == expected


def test_lettered_arms_in_a_respectively_list():
    text = ("Treatment arms were: arm A (n = 100), drug one; arm B (n = 90), drug one plus drug two; and arm C "
            "(n = 50), drug three. Arms A, B, and C yielded objective response rates of 30%, 25%, and 18%, "
            "respectively.")
    assert arms(text, kinds={"response_rate"}) == [("response_rate", 30, "arm A"), ("response_rate", 25, "arm B"),
                                                  ("response_rate", 18, "arm C")]


def test_respectively_takes_the_order_of_the_sentence_before():
    text = ("One group was treated with regional infusion plus systemic drug (combined therapy). The other group "
            "received systemic drug alone (monotherapy). Median OS was 60.1 months in the group receiving combined "
            "therapy and 50.2 months in the monotherapy group. Ten-year survival rates were 40.5 percent and "
            "25.5 percent, respectively.")
    found = arms(text.replace(" percent", "%"), kinds={"overall_survival_rate"})
    assert found == [("overall_survival_rate", 40.5, "combined therapy"),
                     ("overall_survival_rate", 25.5, "monotherapy")]


def test_ratios_belong_to_no_arm_unless_one_is_given_per_group():
    text = ALLOCATION + "OS was longer with alphamab plus betanib (hazard ratio, 0.70; 95% CI, 0.55 to 0.89)."
    assert arms(text, kinds={"hazard_ratio"}) == [("hazard_ratio", 0.70, None)]
    text = ("OS was longer in patients who underwent drug one (HR = 0.62, P = .03), drug two (HR = 0.45, P < .001) "
            "or drug three with drug four (HR = 0.66, P = .04) than in those who did not.")
    assert arms(text, kinds={"hazard_ratio"}) == [
        ("hazard_ratio", 0.62, "drug one"), ("hazard_ratio", 0.45, "drug two"),
        ("hazard_ratio", 0.66, "drug three with drug four")]


def test_cases_counted_by_the_abstract_are_labelled_in_order():
    text = ("We present two cases treated with drugex. Both cases had metastases that developed 5 and 11 months "
            "after surgery, respectively.")
    assert [(f.value, f.arm) for f in extraction(text).findings] == [(5, "case 1"), (11, "case 2")]


def test_an_order_only_the_allocation_gives_is_uncertain():
    found = extraction(ALLOCATION + "The response rate was 26.1% versus 15.5%.").findings
    got = [(f.value, f.arm, f.certain, f.uncertain) for f in found if f.kind == "response_rate"]
    assert got == [(26.1, "alphamab plus betanib", False, "arm"), (15.5, "betanib alone", False, "arm")]


def test_doses_belong_to_their_part_of_the_allocation():
    text = ("We randomly assigned 400 patients to receive alphamab (at a dose of 3 mg per kilogram every 2 weeks) or "
            "betanib (at a dose of 900 mg per square meter every 3 weeks).")
    assert [(f.text, f.arm) for f in extraction(text).findings if f.kind == "dose"] == [
        ("3", "alphamab"), ("900", "betanib")]


def test_a_groups_rates_over_time_points_share_the_group_named_after_them():
    text = ("Studies comparing resection with ablation were pooled. 2,100 patients had resection (n = 900) or ablation "
            "(n = 1,200). Survival at 1-, 2-, and 4-year was 90, 70, and 50% after resection, compared to 80, 55, "
            "and 30% after ablation (p < 0.01).")
    assert [(f.value, f.arm, f.timepoint) for f in extraction(text).findings if f.kind == "overall_survival_rate"] == [
        (90, "resection", "1-year"), (70, "resection", "2-year"), (50, "resection", "4-year"),
        (80, "ablation", "1-year"), (55, "ablation", "2-year"), (30, "ablation", "4-year")]


def test_a_pair_of_one_kind_at_one_time_is_a_comparison_of_the_two_arms():
    # Two values of one measure at one time: the first is not the named group's but the other arm's.
    text = "Patients had ablation (n = 30) or resection (n = 32). Response rates were 40% and 25% in the ablation group."
    assert [(f.value, f.arm) for f in extraction(text).findings if f.kind == "response_rate"] == [
        (40, "resection"), (25, "ablation")]


ALLOCATION_CONTROL = ("We randomly assigned 210 patients to receive either alphamab (104 patients) at a dose of 5 mg every "
                      "2 weeks (alphamab group) or betanib alone (106 patients) at a dose of 20 mg every 4 weeks "
                      "(control group). ")


@pytest.mark.parametrize("text, expected", [
    # The label an allocation gave an arm names it in the results.
    ("The rate of progression-free survival at month 12 was 60.1% in the alphamab group and 12.4% in the control "
     "group.", [("progression_free_survival_rate", 60.1, "alphamab"), ("progression_free_survival_rate", 12.4, "control")]),
    # A count for one group, then the same count for another.
    ("By the interim analysis, 12 deaths occurred in the alphamab group and 25 in the control group.",
     [("mortality", 12, "alphamab"), ("mortality", 25, "control")]),
    # "respectively, of patients in the A group": the whole list is that group's.
    ("Grade 3 anemia, rash, and fatigue occurred in 2%, 4%, and 6%, respectively, of patients in the alphamab group "
     "as compared with no patients in the control group.",
     [("toxicity_rate", 2, "alphamab"), ("toxicity_rate", 4, "alphamab"), ("toxicity_rate", 6, "alphamab")]),
])
def test_an_allocations_labels_name_its_arms(text, expected):
    assert arms(ALLOCATION_CONTROL + text, kinds={expected[0][0]}) == expected


def test_one_arm_named_is_not_every_numbers_when_another_group_is_named():
    # Only alphamab is an arm here; "the control group" is another, so 7.9 months is not alphamab's.
    text = ("Patients were randomized to alphamab or best care. Median PFS was not reached with alphamab and was 7.9 "
            "months in the control group.")
    assert arms(text, kinds={"median_pfs"}) == [("median_pfs", 7.9, None)]


def test_groups_compared_by_the_values_given_for_them():
    # No allocation: the groups are those the values are given for, and a list of two kinds shares its group.
    text = ("Studies of both techniques were pooled. The median OS was 16.0 months for IHP and 18.0 months for PHP. "
            "The complication rate and 30-day mortality rate were 35.0% and 4.0% for IHP and 20.0% and 2.0% for PHP.")
    assert arms(text) == [("median_overall_survival", 16.0, "IHP"), ("median_overall_survival", 18.0, "PHP"),
                          ("toxicity_rate", 35.0, "IHP"), ("mortality", 4.0, "IHP"),
                          ("toxicity_rate", 20.0, "PHP"), ("mortality", 2.0, "PHP")]


def test_an_outcome_before_a_ratios_bracket_is_no_group():
    text = ("Patients were treated with TARE (n = 50) or TACE (n = 70). TARE showed better OS (HR = 0.54, 95% CI "
            "0.31-0.92), better PFS (HR = 0.51, 95% CI 0.36-0.97), and better intrahepatic PFS (HR = 0.51, 95% CI "
            "0.30-0.88) compared with TACE.")
    assert arms(text, kinds={"hazard_ratio"}) == [("hazard_ratio", 0.54, None), ("hazard_ratio", 0.51, None),
                                                  ("hazard_ratio", 0.51, None)]


def test_each_run_of_a_respectively_list_is_the_arm_named_after_it():
    text = ("Patients were randomized to alphamab or betanib. ORRs per RECIST and mRECIST were 40% and 47% with "
            "alphamab and 20% and 25% with betanib, respectively.")
    assert arms(text, kinds={"response_rate"}) == [("response_rate", 40, "alphamab"), ("response_rate", 47, "alphamab"),
                                                   ("response_rate", 20, "betanib"), ("response_rate", 25, "betanib")]


def test_the_two_treatments_a_study_compares_name_its_runs_of_values():
    text = ("Studies comparing RFA and ablative RT were included. Pooled 1- and 2-year survival rates were 90.0% and "
            "75.0% after RFA, and 88.0% and 70.0% after ablative RT, respectively.")
    assert [(f.value, f.arm, f.timepoint) for f in extraction(text).findings] == [
        (90.0, "RFA", "1-year"), (75.0, "RFA", "2-year"), (88.0, "ablative RT", "1-year"), (70.0, "ablative RT", "2-year")]
