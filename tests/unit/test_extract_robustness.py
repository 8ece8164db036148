"""Extraction is linear in its input and every span indexes its text exactly."""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config import SiteConfig
from generator.extract.study import extract_study
from generator.extract.anchors import find_anchors, intervals_and_p
from generator.model import Record, Section

# Ten ~100 kB runs of what makes naive patterns backtrack, one megabyte in all.
PATHOLOGICAL = "".join(chunk * (100_000 // len(chunk)) for chunk in (
    "1", " ", "(", "95% CI ", "1, ", "P = ", "12 of ", "one hundred ", "1.1.1.1.", "HR 0.5 (0.4-0.6) ",
))


def test_pathological_megabyte_finishes():
    begin = time.perf_counter()
    intervals, ps = intervals_and_p(PATHOLOGICAL)
    find_anchors(PATHOLOGICAL, intervals, ps)
    extract_study(Record(source="x.txt"), (Section("results", None, PATHOLOGICAL),), SiteConfig())
    assert time.perf_counter() - begin < 30


def test_pathological_sentences_finish():
    text = "The response rate was 16% (95% CI, 12% to 21%; P = .01) in 3 of 9 (33%). " * 3_000
    begin = time.perf_counter()
    x = extract_study(Record(source="x.txt"), (Section("results", None, text),), SiteConfig())
    assert len(x.findings) == 6_000
    assert time.perf_counter() - begin < 20


WORDS = st.sampled_from([
    "The", "response", "rate", "was", "16%", "(95%", "CI,", "12%", "to", "21%)", "HR", "=", "0.58,", "P", "=", ".01",
    "17", "of", "60", "(28%)", "patients", "died", "median", "OS", "45.6", "months", "vs", "in", "the", "combined",
    "arm", "Six", "(2%)", "5-year", "survival", "250", "mg", "respectively,", "Three-,", "five-year", ".", ";",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=60))
def test_every_span_indexes_its_text(words):
    text = " ".join(words)
    section = Section("results", None, text)
    for f in extract_study(Record(source="x.txt"), (section,), SiteConfig()).findings:
        assert section.text[f.start:f.end] == f.text
        assert f.sentence in section.text
