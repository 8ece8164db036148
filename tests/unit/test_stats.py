"""Wilson 95% score intervals (generator/stats.py), checked against hand-worked values."""

from __future__ import annotations

import pytest

from generator.stats import wilson_interval, wilson_percent


@pytest.mark.parametrize("successes, total, low, high", [
    (16, 100, 0.1009528849, 0.2442026939),
    (50, 100, 0.4038315304, 0.5961684696),
    (43, 270, 0.1204370907, 0.2076412770),
    (0, 10, 0.0, 0.2775327999),
    (10, 10, 0.7224672001, 1.0),
    (1, 1, 0.2065493144, 1.0),
])
def test_wilson_interval(successes, total, low, high):
    assert wilson_interval(successes, total) == (pytest.approx(low, abs=1e-9), pytest.approx(high, abs=1e-9))


def test_bounds_are_exact_at_zero_and_all():
    assert wilson_interval(0, 7)[0] == 0.0
    assert wilson_interval(7, 7)[1] == 1.0


@pytest.mark.parametrize("successes, total, expected", [
    (16, 100, (10.1, 24.4)),
    (17, 270, (4.0, 9.9)),
    (6, 270, (1.0, 4.8)),
    (2, 195, (0.3, 3.7)),
])
def test_wilson_percent(successes, total, expected):
    assert wilson_percent(successes, total) == expected


@pytest.mark.parametrize("successes, total, message", [
    (1, 0, "total must be positive, got 0"),
    (-1, 10, "successes must be between 0 and 10, got -1"),
    (11, 10, "successes must be between 0 and 10, got 11"),
])
def test_impossible_counts_are_refused(successes, total, message):
    with pytest.raises(ValueError) as caught:
        wilson_interval(successes, total)
    assert str(caught.value) == message
