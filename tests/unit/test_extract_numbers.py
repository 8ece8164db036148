"""Numbers as written -> values: words, lost superscripts, separators, ranges."""

import pytest

from generator.extract.anchors import find_anchors, intervals_and_p
from generator.extract.numbers import parse_number, parse_words


@pytest.mark.parametrize("text, value", [
    ("600,000", 600000), (".01", 0.01), ("−2.5", -2.5), ("45.6", 45.6),
    ("Six", 6), ("Seventeen", 17), ("Two hundred seventy", 270),
    ("One hundred and thirty-three", 133), ("twenty-one", 21), ("banana", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("sentence, text, value, unit", [
    ("IL-2 (1.4–2.1 × 10 6 U) weekly", "1.4–2.1 × 10 6", 1400000, "U"),
    ("IL-2 at 7 × 105 units/day was given", "7 × 105", 700000, "units/day"),
    ("5-fluorouracil (250 mg) weekly", "250", 250, "mg"),
    ("mitomycin C (2–4 mg) as a bolus", "2–4", 2, "mg"),
    ("melphalan 3 mg/kg was infused", "3", 3, "mg/kg"),
])
def test_doses(sentence, text, value, unit):
    intervals, ps = intervals_and_p(sentence)
    (anchor,) = [a for a in find_anchors(sentence, intervals, ps) if a.family == "dose"]
    assert (sentence[anchor.start:anchor.end], anchor.value, anchor.unit) == (text, value, unit)


def test_dose_list_shares_its_unit():
    sentence = "IL-2 600,000 or 720,000 IU/kg was given"
    intervals, ps = intervals_and_p(sentence)
    doses = [(a.value, a.unit) for a in find_anchors(sentence, intervals, ps)]
    assert doses == [(600000, "IU/kg"), (720000, "IU/kg")]


def test_words_do_not_parse_as_other_words():
    assert parse_words("one hundred bananas") is None
