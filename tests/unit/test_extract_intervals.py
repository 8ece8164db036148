"""Confidence intervals and p-values in every common form."""

import pytest

from generator.extract.intervals import find_intervals, find_p_values


@pytest.mark.parametrize("text, low, high, level", [
    ("16% (95% CI, 12% to 21%)", 12, 21, 95),
    ("16% (95% confidence interval, 12% to 21%)", 12, 21, 95),
    ("HR = 0.58, 95% CI = 0.38 to 0.88", 0.38, 0.88, 95),
    ("HR 0.42 (95% CI: 0.30-0.60)", 0.30, 0.60, 95),
    ("[HR, 0.42; 95% CI, 0.30–0.60; P < .001]", 0.30, 0.60, 95),
    ("95% confidence interval [CI] = 0.38 to 0.88", 0.38, 0.88, 95),
    ("HR 0.7 (99.79% CI 0.5-0.9)", 0.5, 0.9, 99.79),
    ("12.1 months (95% CI, 10.2 to not reached)", 10.2, None, 95),
    ("45.6 months (95% CI = 30.3 to 67.8 months)", 30.3, 67.8, 95),
    ("[hazard ratio (HR), 0.51; 95% confidence interval (CI), 0.36-0.72; P < 0.001]", 0.36, 0.72, 95),
    ("HR 0·81 (95% CI 0·70–0·94)", 0.70, 0.94, 95),
    ("OR 1.41 (95%CI [1.12, 1.77])", 1.12, 1.77, 95),
    ("RR 1.21 (95% CI: 1.19, 1.24)", 1.19, 1.24, 95),
    ("OR 1. 64 (95% CI 1. 18-2. 29)", 1.18, 2.29, 95),
    ("HR 0.66 (90% CI 0.52 to 0.84)", 0.52, 0.84, 90),
    # In a bracket, "CI" with no level is still the interval; its level is not known.
    ("OR 2.31(CI=1.9-2.8)", 1.9, 2.8, None),
    ("HR 0.71, CI 0.60-0.84", 0.60, 0.84, None),
])
def test_interval_forms(text, low, high, level):
    (interval,) = find_intervals(text)
    assert (interval.low, interval.high, interval.level) == (low, high, level)


@pytest.mark.parametrize("text, intervals", [
    # A "(95% CI)" label with no numbers of its own names the bare intervals after the numbers that follow it.
    ("The odds ratios (95% CI) were 0.84 (0.75-0.95) and 0.77 (0.66-0.90) for the top two groups.",
     [(0.75, 0.95, 95), (0.66, 0.90, 95)]),
    ("Response rates (90% CI) were 41% (33-49) and 28% (21-36).", [(33, 49, 90), (21, 36, 90)]),
    ("HR and 95% CI: 0.70 (0.55-0.89)", [(0.55, 0.89, 95)]),
    # A bracket that is a range, or that does not hold its number, is not the label's interval.
    ("Rates (95% CI) were 41% (33-49); median age was 61 (range, 40-79).", [(33, 49, 95)]),
    ("Rates (95% CI) were 41% (50-60) in all.", []),
    # No label: a bare bracket after a percentage is not a CI.
    ("Rates were 41% (33-49) in all.", []),
])
def test_bare_intervals_take_the_level_of_the_label_before_them(text, intervals):
    assert [(i.low, i.high, i.level) for i in find_intervals(text)] == intervals


@pytest.mark.parametrize("text, value, relation, written", [
    ("P = .01", 0.01, "=", "= .01"),
    ("p < 0.0001", 0.0001, "<", "< 0.0001"),
    ("P<.001", 0.001, "<", "<.001"),
    ("(P = .005)", 0.005, "=", "= .005"),
    ("P ≤ 0.05", 0.05, "<=", "≤ 0.05"),
    ("P value of 0.03", 0.03, "=", "0.03"),
    ("p=0·003", 0.003, "=", "=0·003"),
    ("P=0. 214", 0.214, "=", "=0. 214"),
])
def test_p_forms(text, value, relation, written):
    (p,) = find_p_values(text)
    assert (p.value, p.relation, p.text, text[p.start:p.end]) == (value, relation, written, written)


@pytest.mark.parametrize("text", ["differed (P = .", "differed (P = 0.", "differed (P <", "HR 0.5 (CI"])
def test_cut_off_p_value_is_not_invented(text):
    assert find_p_values(text) == []
