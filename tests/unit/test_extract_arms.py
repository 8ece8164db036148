"""The study's arms, read before its numbers: every name each arm is given (own wording, real shapes)."""

import pytest

from generator.extract.arms import (NAME_BEFORE_RE, NAME_WORDS, _word_count, _words_before, clean_name,
                                    find_abbreviations, read_arms)
from generator.extract.attribution import named_by_use
from generator.extract.scope import scope_sentences
from generator.model import Section


def arms_of(text, title=None, label="other"):
    sentences = scope_sentences((Section(label, None, text),))
    return named_by_use(read_arms(title, sentences), sentences)


@pytest.mark.parametrize("text, title, expected", [
    # Either/or allocation, each arm's dose in brackets after its name.
    ("Patients were randomly assigned to receive drugex (at a dose of 2 mg per kilogram every 3 weeks) or comparin "
     "(at a dose of 500 mg per square meter every 3 weeks).", None, [("drugex", None), ("comparin", None)]),
    # The abbreviation each arm is given in its part of the allocation, then the sizes the results give.
    ("Patients were randomized to receive either 500,000 U/kg (high-dose [HD]) or 50,000 U/kg (low-dose [LD]), both "
     "given every 8 hours. A total of 120 patients were randomly assigned to HD IV drugex, and 118 patients to LD IV "
     "drugex.", None, [("HD", 120), ("LD", 118)]),
    # Who was allocated comes between the verb and "to".
    ("We randomly assigned 300 patients with advanced disease, in a 1:1 ratio, to alphamab plus betanib or betanib "
     "plus placebo, given every 3 weeks.", None, [("alphamab plus betanib", None), ("betanib plus placebo", None)]),
    # Sizes after names, two in one sentence; the dose is no part of the name.
    ("The trial allocated 200 patients to receive alphamab 3 mg/kg every 2 weeks (n = 101) or betanib 1,000 mg/m2 "
     "every 3 weeks (n = 99).", None, [("alphamab", 101), ("betanib", 99)]),
    # Names and sizes listed in one bracket.
    ("Of 210 enrolled, 195 patients (ABC, n = 95; XYZ, n = 100) were assessable.", None, [("ABC", 95), ("XYZ", 100)]),
    # Arms named by letter.
    ("Treatment arms were: arm A (n = 50), drug one alone; arm B (n = 48), drug one plus drug two.", None,
     [("arm A", 50), ("arm B", 48)]),
    # The title's "A versus B" joins the allocation's arms it shares words with.
    ("Patients were randomized to hepatic arterial chemotherapy with an implanted pump or systemic chemotherapy. "
     "Response was seen in 40% of patients receiving intra-arterial floxuridine and in 20% of patients receiving "
     "intravenous fluorouracil.", "Intra-arterial floxuridine vs systemic fluorouracil for liver metastases",
     [("intra-arterial floxuridine", None), ("intravenous fluorouracil", None)]),
    # Groups named in brackets at the end of their description.
    ("One group of patients was treated with regional infusion plus systemic drug (combined therapy). The other "
     "group received systemic drug alone (monotherapy).", None, [("combined therapy", None), ("monotherapy", None)]),
    # Groups a cohort was divided into.
    ("Patients were divided into two groups: those treated on protocols before 2010 and after 2010.", None,
     [("before 2010", None), ("after 2010", None)]),
    # A size alone is a subgroup, not an arm.
    ("For patients who received modern chemotherapy (n = 1,200), the median OS was 60 months.", None, []),
    # An arm added later.
    ("Patients were randomized to HD drugex or LD drugex. After 100 patients, a third arm of low-dose daily "
     "subcutaneous drugex was added.", None, [("HD drugex", None), ("LD drugex", None),
                                               ("low-dose daily subcutaneous drugex", None)]),
    # An allocation part's size in brackets, and the label the results call the arm by.
    ("We randomly assigned 210 patients to receive either alphamab (104 patients) at a dose of 5 mg every 2 weeks "
     "(alphamab group) or betanib alone (106 patients) at a dose of 20 mg every 4 weeks (control group).", None,
     [("alphamab", 104), ("control", 106)]),
    # Who had the treatment is no part of its name.
    ("A total of 120 patients initially treated with TARE (n = 50) or TACE (n = 70) was included.", None,
     [("TARE", 50), ("TACE", 70)]),
    # The "or" that closes a list of options within one arm starts no arm.
    ("Patients were randomly assigned in a 2:1 ratio to receive alphamab (alphamab group) or the investigator's "
     "choice of therapy with drugex, comparin, or betanib (control group). Median OS was 20 months in the alphamab "
     "group and 15 months in the control group.", None,
     [("alphamab", None), ("control", None)]),
    # "randomized between A and B".
    ("Patients were randomized between HAI drugex (3 mg/m2 over 1 h) every 3 weeks and standard of care in a 2:1 "
     "ratio.", None, [("HAI drugex", None), ("standard of care", None)]),
    # Sizes in a bracket that add up to a result counted before it say who those are: no arms.
    ("Partial response was seen in 5 (8.0 %) patients (CRC, n = 3; NSCLC, n = 2).", None, []),
    ("A total of 93 patients were treated (IHP, n = 46; BAC, n = 47).", None, [("IHP", 46), ("BAC", 47)]),
    # The groups of a comparative cohort, listed after one "treated with".
    ("The analysis included 61 patients treated with alphamab and 95 with betanib.", None,
     [("alphamab", 61), ("betanib", 95)]),
    ("Of these, 30 patients were treated with drugex alone, 25 with comparin.", None,
     [("drugex alone", 30), ("comparin", 25)]),
    # "a randomized clinical trial to evaluate ..." allocates nothing.
    ("Forty patients were entered into a randomized clinical trial to evaluate drugex compared with placebo.", None,
     []),
])
def test_arms(text, title, expected):
    assert [(a.name, a.n) for a in arms_of(text, title).arms] == expected


@pytest.mark.parametrize("text, expected", [
    ("Thirty patients (6 Y90, 10 PHP, 12 CE) were included.", [("Y90", 6), ("PHP", 10), ("CE", 12)]),
    ("100 patients are reported: 54 patients with mX and 46 patients with mY.", [("mX", 54), ("mY", 46)]),
])
def test_compared_subgroups(text, expected):
    found = arms_of(text)
    assert found.subgroups
    assert [(a.name, a.n) for a in found.arms] == expected


@pytest.mark.parametrize("phrase, arm", [
    ("the ipilimumab-dacarbazine group", "alphamab plus betanib"),
    ("patients receiving alphamab", "alphamab plus betanib"),
    ("the group receiving betanib plus placebo", "betanib plus placebo"),
    ("patients with stage III disease", None),
    ("the combination arm", "alphamab plus betanib"),
])
def test_later_mentions_resolve_to_the_arm_whose_words_they_use(phrase, arm):
    found = arms_of("We randomly assigned 300 patients to alphamab plus betanib or betanib plus placebo.")
    phrase = phrase.replace("ipilimumab-dacarbazine", "alphamab-betanib")
    assert found.resolve(phrase) == arm


def test_without_names_the_other_arm():
    found = arms_of("The median OS for patients with HAI (n = 700) was 60 months versus 40 months without HAI "
                    "(n = 1,500; P < .001).")
    assert [(a.name, a.n) for a in found.arms] == [("HAI", 700), ("no HAI", 1500)]
    assert (found.resolve("without HAI"), found.resolve("with HAI")) == ("no HAI", "HAI")


@pytest.mark.parametrize("text, expected", [
    ("treated with biochemotherapy (BCT) or", [("BCT", "biochemotherapy")]),
    ("either 500 U/kg (high-dose [HD]) or", [("HD", "high-dose")]),
    ("the overall response rate (ORR) was", [("ORR", "overall response rate")]),
    ("on day 1 (n = 40)", []),
])
def test_abbreviations(text, expected):
    assert find_abbreviations(text) == expected


@pytest.mark.parametrize("phrase, name", [
    ("patients treated with drug one alone", "drug one alone"),
    ("44 months without HAI", "no HAI"),
    ("the surgery alone group", "surgery alone"),
    ("drugex 400 mg twice daily", "drugex"),
    ("the gemcitabine-alone arm", "gemcitabine-alone"),
    ("patients", None),
])
def test_clean_name(phrase, name):
    assert clean_name(phrase) == name


@pytest.mark.parametrize("text, words, count", [
    ("hai and hai alone; hai", "hai", 3),
    ("chai hai_x hai2 (hai)", "hai", 1),  # only where no word character stands either side
    ("il-2 il-2il-2 il-2.", "il-2", 2),
    ("aaa", "aa", 0),
    ("aa aa", "aa aa", 1),  # counted without overlaps, as re.findall counts
    ("hai", "", 0),
    ("ère hai ère", "ère", 2),
])
def test_word_count(text, words, count):
    assert _word_count(text, words) == count


@pytest.mark.parametrize("text, start", [
    ("one two three", 0),  # fewer words than a name may have: from the start
    ("a b c d e f g h i j k", 6),  # after the eighth space from the end
    ("a\tb c d e f g h i j k", 6),  # only spaces are counted: a name starts after them at the earliest
])
def test_words_before(text, start):
    assert _words_before(text, len(text), NAME_WORDS, 0) == start


@pytest.mark.parametrize("text", [
    "Patients were randomly assigned to hepatic arterial infusion of floxuridine with systemic chemotherapy",
    "and a very long arm name of more than eight words that goes on and on here",
    "x" * 40 + " tail words",
    "A  double  spaced   name  of   words",
    "IL-2/IFN-alpha, 5-FU + LV",
])
def test_the_name_before_a_size_is_found_as_from_the_whole_window(text):
    # Searching from the last eight words finds what searching the whole 250 characters finds.
    end = len(text)
    whole = NAME_BEFORE_RE.search(text, max(0, end - 250), end)
    near = NAME_BEFORE_RE.search(text, _words_before(text, end, NAME_WORDS, max(0, end - 250)), end)
    assert (near and near.span()) == (whole and whole.span())
