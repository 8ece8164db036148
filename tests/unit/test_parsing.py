"""Section labels for headed, inline and unstructured abstracts; made titles."""

import pytest

from generator.model import AbstractBlock, Extraction, Section
from generator.parsing import build_sections, make_title, normalise_label, split_inline


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
