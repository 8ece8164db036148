"""Numbers as written -> values: words, lost superscripts, separators, ranges."""

import pytest

from generator.extract.anchors import find_anchors, intervals_and_p
from generator.extract.numbers import parse_number, parse_words


@pytest.mark.parametrize("text, value", [
    ("600,000", 600000), (".01", 0.01), ("−2.5", -2.5), ("45.6", 45.6),
    ("Six", 6), ("Seventeen", 17), ("Two hundred seventy", 270),
    ("One hundred and thirty-three", 133), ("twenty-one", 21), ("banana", None),
    ("13·6", 13.6), ("0·047", 0.047), ("2,255", 2255), ("1. 77", 1.77),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("sentence, text, value, unit", [
    ("IL-2 (1.4–2.1 × 10 6 U) weekly", "1.4–2.1 × 10 6", 1400000, "U"),
    ("IL-2 at 7 × 105 units/day was given", "7 × 105", 700000, "units/day"),
    ("5-fluorouracil (250 mg) weekly", "250", 250, "mg"),
    ("mitomycin C (2–4 mg) as a bolus", "2–4", 2, "mg"),
    ("melphalan 3 mg/kg was infused", "3", 3, "mg/kg"),
    ("cisplatin 75 mg/m(2) on day 1", "75", 75, "mg/m2"),
    ("cisplatin 75 mg/m 2 on day 1", "75", 75, "mg/m2"),
    ("cisplatin 75 mg/m² on day 1", "75", 75, "mg/m²"),
    ("UFT 250 mg/m2/day for 4 weeks", "250", 250, "mg/m2/day"),
    ("an antibody at a dose of 5 mg per kilogram of body weight", "5", 5, "mg/kg"),
    ("docetaxel at a dose of 60 mg per square meter of body-surface area", "60", 60, "mg/m²"),
    ("low-dose IL-2 (0.5 million U/day) twice a week", "0.5", 500000, "U/day"),
    ("IL-2 at 9 × 105 units/day", "9 × 105", 900000, "units/day"),
])
def test_doses(sentence, text, value, unit):
    intervals, ps = intervals_and_p(sentence)
    (anchor,) = [a for a in find_anchors(sentence, intervals, ps) if a.family == "dose"]
    assert (sentence[anchor.start:anchor.end], anchor.value, anchor.unit) == (text, value, unit)


@pytest.mark.parametrize("sentence, doses", [
    ("IL-2 600,000 or 720,000 IU/kg was given", [("600,000", 600000, "IU/kg"), ("720,000", 720000, "IU/kg")]),
    ("Cohorts took 24, 32, and 40 mg daily", [("24", 24, "mg"), ("32", 32, "mg"), ("40", 40, "mg")]),
    ("Levels were 50, 75 or 100 mg/m2", [("50", 50, "mg/m2"), ("75", 75, "mg/m2"), ("100", 100, "mg/m2")]),
    # Each end of "from A to B" has its own lost power of ten; the "105" is not a dose of its own.
    ("the dose went from 6 × 105 to 1.2 × 106 units/day", [("6 × 105", 600000, "units/day"),
                                                          ("1.2 × 106", 1200000, "units/day")]),
    # "week 1" names a week: the list stops there.
    ("weekly doses were 80 MIU in week 1 and 54 MIU in weeks 2 to 4", [("80", 80, "MIU"), ("54", 54, "MIU")]),
])
def test_dose_list_shares_its_unit(sentence, doses):
    intervals, ps = intervals_and_p(sentence)
    found = [(sentence[a.start:a.end], a.value, a.unit) for a in find_anchors(sentence, intervals, ps)
             if a.family == "dose"]
    assert found == doses


@pytest.mark.parametrize("sentence", ["Haemoglobin was 10.2 g/dL at entry.", "The infusion ran at 50 mL/h.",
                                      "Creatinine was 90 µmol/L."])
def test_lab_values_and_rates_are_not_doses(sentence):
    intervals, ps = intervals_and_p(sentence)
    assert [a for a in find_anchors(sentence, intervals, ps) if a.family == "dose"] == []


@pytest.mark.parametrize("sentence, rates", [
    ("Tumour volume fell by −48% at week 8.", [("−48%", -48)]),
    ("Volume changed by -12.5% (range, -40% to 10%).", [("-12.5%", -12.5), ("-40% to 10%", -40)]),
    ("Lesions shrank 25-50% in most patients.", [("25-50%", 25)]),
    ("HER2-35% of the cohort", [("35%", 35)]),
])
def test_a_minus_right_before_a_number_is_its_sign_but_a_range_hyphen_is_not(sentence, rates):
    intervals, ps = intervals_and_p(sentence)
    found = [(sentence[a.start:a.end], a.value) for a in find_anchors(sentence, intervals, ps) if a.family == "rate"]
    assert found == rates


def test_words_do_not_parse_as_other_words():
    assert parse_words("one hundred bananas") is None


def _anchors(sentence, family=None):
    intervals, ps = intervals_and_p(sentence)
    return [(sentence[a.start:a.end], a.value, a.unit) for a in find_anchors(sentence, intervals, ps)
            if family is None or a.family == family]


@pytest.mark.parametrize("sentence, found", [
    # A duration or a percentage written once after a list: every item takes its unit.
    ("Median survival by stratum was 31, 19, 11 and 6 months, respectively.",
     [("31", 31, "months"), ("19", 19, "months"), ("11", 11, "months"), ("6", 6, "months")]),
    ("Time to progression was longer with the pump (6.1 v 3.4 months; P = .02).",
     [("6.1", 6.1, "months"), ("3.4", 3.4, "months")]),
    ("The median times differed (21.5 vs.14 months, P = 0.04).", [("21.5", 21.5, "months"), ("14", 14, "months")]),
    ("Survival at 1, 2 and 3 years was 51, 30, and 18%.", [("1", 1, "years"), ("2", 2, "years"), ("3", 3, "years"),
                                                         ("51", 51, "%"), ("30", 30, "%"), ("18%", 18, "%")]),
    ("Fever was seen in 12 and 31% of patients.", [("12", 12, "%"), ("31%", 31, "%")]),
    # "d" is days only where a bracket or a list closes it.
    ("Median PFS: arm A (61 d), arm B (48 d).", [("61", 61, "days"), ("48", 48, "days")]),
    # A bracket between a duration and its unit.
    ("Median OS was 11 (95% CI 7.2–14.8) months.", [("11", 11, "months")]),
    ("Median follow-up was 3.92 (range, 0.2–8.1) years.", [("3.92", 3.92, "years")]),
    ("Five-year survival was 38.2 percent.", [("38.2 percent", 38.2, "%")]),
])
def test_units_written_once_and_apart(sentence, found):
    assert [f for f in _anchors(sentence) if f[2] is not None] == found


@pytest.mark.parametrize("sentence", [
    "Patients were aged 45 and 60 years.",  # ages
    "Enrolment ran between 2 and 5 years after diagnosis.",  # a range
    "Of the cohort, 2012 and 20% figures differ.",  # a year is no percentage
])
def test_lists_that_share_no_unit(sentence):
    assert [f for f in _anchors(sentence) if f[0] in ("45", "2", "2012")] == []


@pytest.mark.parametrize("sentence, found", [
    # A verb joins the count to its outcome: the outcome after the verb names it.
    ("In all, 19 patients experienced a complete response.", ("19", "complete response")),
    ("Only 3 complete responders had developed disease recurrence by then.", ("3", "disease recurrence")),
    ("Only 2 patients developed treatment-related mortalities.", ("2", "treatment-related mortalities")),
    ("Nine patients showed stable disease.", ("Nine", "stable disease")),
])
def test_counts_joined_to_their_outcome_by_a_verb(sentence, found):
    intervals, ps = intervals_and_p(sentence)
    (anchor,) = [a for a in find_anchors(sentence, intervals, ps) if a.unit == "patients"]
    assert (sentence[anchor.start:anchor.end], anchor.cue, anchor.closed) == (*found, True)
