"""Section labels for headed, inline and unstructured abstracts; made titles."""

import pytest

from generator.model import AbstractBlock, Extraction, Section
from generator.parsing import build_sections, make_title, normalise_label, reads_as_abstract, split_inline


@pytest.mark.parametrize("heading, label", [
    ("Background:", "background"), ("INTRODUCTION", "background"), ("Context", "background"),
    ("Purpose", "objective"), ("OBJECTIVE", "objective"), ("Aim of the study", "objective"),
    ("Methods", "methods"), ("Study Design:", "methods"), ("PATIENTS AND METHODS", "methods"),
    ("Materials and methods", "methods"), ("PATIENTS/METHODS", "methods"), ("Methods and Findings", "methods"),
    ("Results", "results"), ("Findings", "results"),
    ("Conclusion", "conclusions"), ("CONCLUSIONS", "conclusions"), ("Interpretation", "conclusions"),
    ("Conclusions and Relevance", "conclusions"), ("CASE PRESENTATION", "results"), ("Importance", "background"),
    ("Evidence Synthesis", "results"), ("Authors' conclusions", "conclusions"),
    ("Trial registration", "other"), (None, "other"), ("", "other"),
])
def test_normalise_label(heading, label):
    assert normalise_label(heading) == label


@pytest.mark.parametrize("text, expected", [
    ("BACKGROUND: Little is known. METHODS: We enrolled 40. RESULTS: 10 responded. CONCLUSIONS: It helps.",
     [("BACKGROUND", "Little is known."), ("METHODS", "We enrolled 40."), ("RESULTS", "10 responded."),
      ("CONCLUSIONS", "It helps.")]),
    ("Background: A. Study Design: A pilot study. Results: B. Conclusions: C.",
     [("Background", "A."), ("Study Design", "A pilot study."), ("Results", "B."), ("Conclusions", "C.")]),
    ("We treated 12 patients. Results were mixed: 3 responded.", [(None, "We treated 12 patients. Results were mixed: 3 responded.")]),
    ("Intro text. PURPOSE: To test.", [(None, "Intro text."), ("PURPOSE", "To test.")]),
])
def test_split_inline(text, expected):
    assert [(b.heading, b.text) for b in split_inline(text)] == expected


@pytest.mark.parametrize("text", [
    # The last word of a sentence is not a heading, whatever it is.
    "Albumin was low in diabetic and hemodialysis (HD) patients. Serum albumin predicted survival.",
    "We used a two-by-two (present vs absent) design. The interviewer asked each question twice.",
    "Results were mixed in the treated patients. Methods used elsewhere differ.",
])
def test_no_heading_inside_a_sentence(text):
    assert [b.heading for b in split_inline(text)] == [None]


@pytest.mark.parametrize("text, expected", [
    ("PURPOSE Three-year survival improved. METHODS We randomly assigned 40. RESULTS The rate was 5%.",
     [("PURPOSE", "Three-year survival improved."), ("METHODS", "We randomly assigned 40."),
      ("RESULTS", "The rate was 5%.")]),
    ("Purpose We conducted a trial in 60 patients. Patients and Methods Patients were stratified by risk.",
     [("Purpose", "We conducted a trial in 60 patients."), ("Patients and Methods", "Patients were stratified by risk.")]),
    ("Background. Determining the margin matters. Methods. After a search, 24 trials were found.",
     [("Background", "Determining the margin matters."), ("Methods", "After a search, 24 trials were found.")]),
    ("Results (n = 12): 5 responded.", [(None, "Results (n = 12): 5 responded.")]),
    ("Material and Methods Data were analyzed retrospectively.",
     [("Material and Methods", "Data were analyzed retrospectively.")]),
])
def test_headings_printed_without_a_colon(text, expected):
    assert [(b.heading, b.text) for b in split_inline(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("We treated 40 patients with drug X; 12 responded.", True),
    ("Page 2 of 12 of the table of contents for the current issue of the journal.", False),
    ("The review found that drug X was safe in most trials.", True),
    ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.", False),
    ("Chapter 1 Introduction 5 Chapter 2 Patients and methods 12 Chapter 3 Results 20 Chapter 4 Discussion 31", False),
    ("We use cookies to improve your experience. By continuing you agree to our privacy policy.", False),
])
def test_reads_as_abstract(text, expected):
    assert reads_as_abstract((Section("other", None, text),)) is expected


def test_headed_blocks_keep_their_heading_and_continuations_join():
    blocks = (AbstractBlock("RESULTS", "First part."), AbstractBlock(None, "Second part."),
              AbstractBlock("CONCLUSIONS", "Done."))
    assert build_sections(blocks) == (Section("results", "RESULTS", "First part. Second part."),
                                      Section("conclusions", "CONCLUSIONS", "Done."))


def test_unstructured_abstract_is_one_other_section():
    blocks = (AbstractBlock(None, "We treated 12\npatients."), AbstractBlock(None, "Three responded."))
    assert build_sections(blocks) == (Section("other", None, "We treated 12 patients. Three responded."),)


def test_unicode_is_normalised_before_sections():
    sections = build_sections((AbstractBlock(None, "RESULTS: 5\u00a0mg \ufb01xed; p\u2009<\u2009.01."),))
    assert sections == (Section("results", "RESULTS", "5 mg fixed; p < .01."),)


@pytest.mark.parametrize("extraction, title", [
    (Extraction(design="single_arm_trial", n_total=18, conditions=("colorectal cancer",),
                interventions=("interleukin-2", "fluorouracil")),
     "Interleukin-2 and fluorouracil in colorectal cancer: single arm trial of 18 patients"),
    (Extraction(), "Our earlier study of hepatic infusion showed a high response rate"),
])
def test_make_title(extraction, title):
    sections = (Section("background", "Background",
                        "Our earlier study of hepatic infusion showed a high response rate. We now test it."),)
    assert make_title(sections, extraction) == title


def test_made_title_is_cut_at_a_word():
    sections = (Section("other", None, "word " * 60 + "end."),)
    title = make_title(sections, Extraction())
    assert title.endswith("word…") and len(title) <= 121
