"""What each number measures, and when: sentences in, kinds and time points out (own wording, real shapes)."""

import pytest

from generator.config import SiteConfig
from generator.extract.study import extract_study
from generator.model import Record, Section


def findings(text, label="results"):
    return extract_study(Record(source="t.txt"), (Section(label, None, text),), SiteConfig()).findings


@pytest.mark.parametrize("text, expected", [
    # Each item of a list is named right after its number.
    ("By RECIST, 2 patients (4%) had a complete response, 10 (20%) partial response, 14 (28%) stable disease and "
     "20 (40%) progressive disease.",
     [("complete_response", 4), ("partial_response", 20), ("stable_disease", 28), ("count_other", 40)]),
    # The second number of a comparison is the same measure, whatever a bracket after it says.
    ("At 1 year, the rate of survival was 70.5% (95% CI, 62.0 to 77.1) in the alphamab group, as compared with "
     "40.2% (95% CI, 31.5 to 48.8) in the betanib group (hazard ratio for death, 0.45; P < 0.001).",
     [("overall_survival_rate", 70.5), ("overall_survival_rate", 40.2), ("hazard_ratio", 0.45)]),
    # Being alive at a time is survival.
    ("Neither median OS nor the percentage of patients alive at 1 year (40% v 35.5%) differed.",
     [("overall_survival_rate", 40), ("overall_survival_rate", 35.5)]),
    # A difference between arms is no median.
    ("Patients who received HAI had a median OS of approximately 3 years longer than patients without HAI.",
     [("count_other", 3)]),
    # Local control is not recurrence; progressive disease is not a response.
    ("The 2-year local control rate was 88%, and 12% had progressive disease.", [("count_other", 88),
                                                                               ("count_other", 12)]),
    # An adverse event named by what it is.
    ("Common toxicities were rash (35%) and fatigue (20%).", [("toxicity_rate", 35), ("toxicity_rate", 20)]),
    # RR with percentages is a response rate.
    ("In Group B, the RR and DCR were 45.2% and 80.1%, respectively.",
     [("response_rate", 45.2), ("disease_control_rate", 80.1)]),
    # The interval after "objective responses" is not a cue for the count before it.
    ("After induction, 8 of 40 evaluable patients (20%) had objective responses (95% CI: 9% to 36%) with one "
     "complete response.", [("response_rate", 20), ("complete_response", 1)]),
    # A number is listed with the one written like it, not with a count in the bracket between them.
    ("Responses were seen in two of 30 patients (7%) on drug X/Y (two partial responses [PRs] lasting 10 and 6 "
     "months) and 11 of 70 patients (16%) on drug X alone.", [("response_rate", 7), ("partial_response", 2),
                                                             ("response_rate", 16)]),
    # Survival free of progression is progression-free survival.
    ("The median survival free of hepatic progression was 30.5 months in the monotherapy group.",
     [("median_pfs", 30.5)]),
])
def test_kind_from_the_outcome_the_clause_names(text, expected):
    assert [(f.kind, f.value) for f in findings(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Among patients receiving drugex, grade 3 neuropathy was 1.5% 12 months after treatment and 0.5% at 48 months.",
     [(1.5, "12-month"), (0.5, "48-month")]),
    ("Overall survival was 75%, 32% and 25% at 1, 3 and 5 years.", [(75, "1-year"), (32, "3-year"), (25, "5-year")]),
    ("Overall survival was 45% and 30% at 2 years.", [(45, "2-year"), (30, "2-year")]),
    ("Median OS was 11.0 months vs. 9.0 months, with higher survival rates at 1 year (47.0% vs. 36.0%) and "
     "2 years (28.0% vs. 18.0%).",
     [(11.0, None), (9.0, None), (47.0, "1-year"), (36.0, "1-year"), (28.0, "2-year"), (18.0, "2-year")]),
    ("Patients were followed for 5 years; the overall survival rate was 60%.", [(60, None)]),
    # A ratio of rates at a time point, named right before its bracket.
    ("Resection was superior in 3 -year OS (RR 1.40, 95% CI: 1.20-1.60) and 5-year DFS (RR: 2.10, 95% CI: 1.80-2.40).",
     [(1.40, "3-year"), (2.10, "5-year")]),
])
def test_time_points(text, expected):
    assert [(f.value, f.timepoint) for f in findings(text)] == expected


@pytest.mark.parametrize("text", [
    # A cut-off that defines the groups compared.
    "Predictors were time to treatment (>24 months vs. ≤24 months) and the number of sites.",
    # A threshold that defines a category.
    "Four patients experienced greater than 90% reduction in tumor mass.",
    # Time points of an outcome named in the methods.
    "Primary outcomes were overall survival and disease-free survival at 3 and 5 years.",
])
def test_numbers_that_only_define_groups_are_no_findings(text):
    assert [f.text for f in findings(text, "methods") if f.kind != "p_value"] == []


def test_a_percentage_nothing_names_is_uncertain():
    got = [(f.kind, f.value, f.arm, f.uncertain) for f in findings(
        "Most presented with synchronous disease (72%), >4 liver metastases (58%) and bilateral spread (70%).")]
    assert got == [("count_other", 72, None, "kind"), ("count_other", 58, None, "kind"), ("count_other", 70, None, "kind")]


@pytest.mark.parametrize("text, expected", [
    ("The 1- and 2-year local control rates were 95% and 90%, respectively.",
     [("count_other", 95, "1-year", True), ("count_other", 90, "2-year", True)]),
    ("Freedom from local progression at 1, 2 and 3 years was 95%, 90% and 85%.",
     [("count_other", 95, "1-year", True), ("count_other", 90, "2-year", True), ("count_other", 85, "3-year", True)]),
    ("DLTs occurred in 2 of 6 patients at the 60 mg dose level.", [("toxicity_rate", 33.3, None, True),
                                                                   ("dose", 60, None, True)]),
])
def test_local_control_and_dose_limiting_toxicity(text, expected):
    assert [(f.kind, f.value, f.timepoint, f.certain) for f in findings(text)] == expected


def test_a_margin_is_a_design_threshold_wherever_it_is_written():
    (f,) = findings("The non-inferiority margin was a hazard ratio of 1.25.")
    assert (f.kind, f.value, f.scope) == ("hazard_ratio", 1.25, "design")


@pytest.mark.parametrize("text, expected", [
    # "-free" before the survival it shares with the next kind: each number takes its kind in order.
    ("The median progression free and overall survival were 6.2 and 14.5 months, respectively.",
     [("median_pfs", 6.2), ("median_overall_survival", 14.5)]),
    ("The median disease free and overall survival from first treatment was 200 days and 410 days.",
     [("median_dfs", 200), ("median_overall_survival", 410)]),
    ("Median relapse-free and overall survival were 9 and 21 months.",
     [("median_dfs", 9), ("median_overall_survival", 21)]),
    # Kinds coordinated with "and" but values joined by "vs": arms, not kinds, so the nearest cue names both.
    ("Median progression-free survival was 5 vs 8 months.", [("median_pfs", 5), ("median_pfs", 8)]),
    # An unlabelled bracketed range after a median (a range or a CI) is no result of its own.
    ("The median overall survival was 7.5 months (2.1–19.0 months).", [("median_overall_survival", 7.5)]),
])
def test_kinds_listed_before_their_values(text, expected):
    assert [(f.kind, f.value) for f in findings(text)] == expected


@pytest.mark.parametrize("text, ci", [
    # A CI right after an effect measure the extractor keeps no kind for is that measure's.
    ("Mortality was 2.5 and 2.9%, respectively (TR 0.90; 95% CI 0.20–4.10; p = 0.8).", None),
    ("Response was 35% (mean difference 4%; 95% CI 1-7).", None),
    # "95% CI;": a semicolon after the label, and the interval is still the median's.
    ("The median OS was 6.1 months (95% CI; 2.0–20.5 months).", (2.0, 20.5)),
])
def test_an_interval_goes_to_its_own_measure(text, ci):
    got = [(f.ci_low, f.ci_high) for f in findings(text) if f.kind != "p_value"]
    assert set(got) == {ci or (None, None)}


@pytest.mark.parametrize("text, expected", [
    # The other side of a comparison, in a bracket after the arm it is compared with, is the same measure.
    ("Median survival with drug A of 11·2 months was non-inferior to drug B (10·1 months).",
     [("median_overall_survival", 11.2), ("median_overall_survival", 10.1)]),
    ("The median PFS of 6 months in the pump group was longer than with observation (4 months).",
     [("median_pfs", 6), ("median_pfs", 4)]),
])
def test_the_other_side_of_a_comparison(text, expected):
    assert [(f.kind, f.value) for f in findings(text)] == expected


def test_a_p_value_that_opens_a_ratios_bracket_is_the_ratios():
    (f,) = findings("Recurrence was less frequent (P < 0.01, OR = 0.41, 95% CI [0.22–0.77]).")
    assert (f.kind, f.value, f.p_value, f.ci_low, f.ci_high) == ("odds_ratio", 0.41, 0.01, 0.22, 0.77)


@pytest.mark.parametrize("text, expected", [
    ("The estimated rate of overall survival at month 18 was 70.2%.", [("overall_survival_rate", 70.2, "18-month")]),
    # A duration after "every" is a schedule, whatever cue follows.
    ("Scans were read every 12 weeks and median PFS was 8 months.", [("median_pfs", 8, None)]),
])
def test_schedules_and_time_points_named_unit_first(text, expected):
    assert [(f.kind, f.value, f.timepoint) for f in findings(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # "a ± b%": the rate, its standard error no figure of its own; time points listed after the rates.
    ("Median OS was 30.2 months and the survival rates were 88.1 ± 4.2%, 40.3 ± 6.1% and 21.0 ± 5.2% at 1, 3 and "
     "5-year after treatment, respectively.",
     [("median_overall_survival", 30.2, None), ("overall_survival_rate", 88.1, "1-year"),
      ("overall_survival_rate", 40.3, "3-year"), ("overall_survival_rate", 21.0, "5-year")]),
    # "after 1, 2 and 3 years", and no time point taken from a median written before.
    ("Median time to recurrence was 19 months with a local control rate of 80.5%, 60.2% and 55.0% after 1, 2 and 3 "
     "years.",
     [("time_to_event_other", 19, None), ("count_other", 80.5, "1-year"), ("count_other", 60.2, "2-year"),
      ("count_other", 55.0, "3-year")]),
])
def test_time_points_listed_after_their_rates(text, expected):
    assert [(f.kind, f.value, f.timepoint) for f in findings(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # A follow-up before a "respectively" list of counts is none of its items.
    ("At a median follow-up of 12.0 months, complete response (CR), partial response (PR), stable disease (SD) and "
     "progressive disease were seen in four (4.0%), 50 (50.0%), 31 (31.0%) and 15 (15.0%) patients, respectively.",
     [("follow_up", 12.0), ("complete_response", 4.0), ("partial_response", 50.0), ("stable_disease", 31.0),
      ("count_other", 15.0)]),
    # A kind listed twice is two items when the list has that many values ("PFS, LPFS and OS").
    ("Median PFS, LPFS and OS were 8.0, 10.0 and 19.0 months, respectively.",
     [("median_pfs", 8.0), ("median_pfs", 10.0), ("median_overall_survival", 19.0)]),
    # "complication rate and 30-day mortality rate were a and b for X and c and d for Y".
    ("The complication rate and 30-day mortality rate were 35.0% and 4.0% for IHP and 20.0% and 2.0% for PHP.",
     [("toxicity_rate", 35.0), ("mortality", 4.0), ("toxicity_rate", 20.0), ("mortality", 2.0)]),
])
def test_lists_of_kinds(text, expected):
    assert [(f.kind, f.value) for f in findings(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # The error rates and power of a design are no results; the rates an aim states are the design's.
    ("The main objective was to demonstrate a 6-month PFS of 50% in the experimental arm, compared to a "
     "theoretical PFS of 25%, with an alpha risk of 5% and a beta risk of 20%.",
     [("progression_free_survival_rate", 50, "design"), ("progression_free_survival_rate", 25, "design")]),
    ("The trial had 90% power to detect a difference.", []),
])
def test_a_designs_statistics(text, expected):
    assert [(f.kind, f.value, f.scope) for f in findings(text, label="other")] == expected


@pytest.mark.parametrize("text, expected", [
    # Heterogeneity listed after "I2 =" is no rate, item by item.
    ("Heterogeneity was high for fever and 3-year OS (I2 = 85%, 70%, and 61%, respectively).", []),
    # A signed duration is a difference between arms, not a median.
    ("There was no difference in OS between the two modalities (−0.40 months, 95% CI −1.50 to 2.10).", []),
])
def test_numbers_that_are_no_outcome(text, expected):
    assert [(f.kind, f.value) for f in findings(text) if f.kind != "p_value"] == expected


def test_patients_surviving_at_a_time_is_overall_survival():
    (f,) = findings("The estimated percentage of patients surviving at 3 years was 31%.")
    assert (f.kind, f.value, f.timepoint, f.certain) == ("overall_survival_rate", 31, "3-year", True)


@pytest.mark.parametrize("text, expected", [
    ("The risk of recurrence was reduced by 35% (relative risk, 0.65; 95% CI 0.50-0.85).",
     [("count_other", 35), ("relative_risk", 0.65)]),
    ("A relative reduction of 20% in mortality was seen.", [("count_other", 20)]),
])
def test_a_change_by_a_percentage_is_no_rate(text, expected):
    assert [(f.kind, f.value) for f in findings(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # A verb right after a bare percentage joins it to the outcome after the verb.
    ("Overall, 50% of patients had a partial response and 30% showed stable disease.",
     [("partial_response", 50, True), ("stable_disease", 30, True)]),
    # Viral hepatitis is a condition patients had, not an adverse event.
    ("An underlying liver disease was present in 80% (hepatitis B or C in 25%, alcohol related in 45%).",
     [("count_other", 80, False), ("count_other", 25, False), ("count_other", 45, False)]),
])
def test_kinds_of_bare_percentages(text, expected):
    assert [(f.kind, f.value, f.certain) for f in findings(text)] == expected


def test_ratios_over_listed_time_points_and_heterogeneity_written_apart():
    text = ("SBRT gave higher 1- and 3-year local control than RFA [OR 0.40, 95% CI 0.20–0.70, P = 0.003; and OR 0.50, "
            "95% CI 0.30–0.80, P = 0.002, respectively] (I 2 = 0%).")
    assert [(f.kind, f.value, f.timepoint) for f in findings(text) if f.kind != "p_value"] == [
        ("odds_ratio", 0.40, "1-year"), ("odds_ratio", 0.50, "3-year")]
