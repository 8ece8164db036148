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
])
def test_interval_forms(text, low, high, level):
    (interval,) = find_intervals(text)
    assert (interval.low, interval.high, interval.level) == (low, high, level)


@pytest.mark.parametrize("text, value, relation, written", [
    ("P = .01", 0.01, "=", "= .01"),
    ("p < 0.0001", 0.0001, "<", "< 0.0001"),
    ("P<.001", 0.001, "<", "<.001"),
    ("(P = .005)", 0.005, "=", "= .005"),
    ("P ≤ 0.05", 0.05, "<=", "≤ 0.05"),
    ("P value of 0.03", 0.03, "=", "0.03"),
])
def test_p_forms(text, value, relation, written):
    (p,) = find_p_values(text)
    assert (p.value, p.relation, p.text, text[p.start:p.end]) == (value, relation, written, written)


@pytest.mark.parametrize("text", ["differed (P = .", "differed (P = 0.", "differed (P <", "HR 0.5 (CI"])
def test_cut_off_p_value_is_not_invented(text):
    assert find_p_values(text) == []
