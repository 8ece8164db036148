"""Sentence splitting keeps offsets and does not split at abbreviations or decimals."""

import pytest

from generator.extract.sentences import split_sentences


@pytest.mark.parametrize("text, count", [
    ("Scans were read every 8 weeks.Results The median PFS was 6 months.", 2),
    ("Response was seen in 10%.Conclusions This is safe.", 2),
    ("PFS was 8.0 months vs. 1.6 months BAC. Toxicity was mild.", 2),
    ("As shown by Smith et al. 12 patients responded.", 1),
    ("Agents (e.g. IL-2) were used. OS improved (P = .01). Done.", 3),
    ("The rate was 16.5%. The HR was 0.58.", 2),
    ("M. M. Walther treated them. Fine.", 2),
    # A space a copy put in a ratio's, a CI's or a p-value's decimal does not end the sentence...
    ("The OR was 1. 64 (95% CI 1. 18-2. 29). Fine.", 2),
    ("Heterogeneity was low (I2 = 12%, P=0. 214). Fine.", 2),
    # ...but a full stop after a year or a grade still does.
    ("Accrual closed in 2019. 25 patients were analysed.", 2),
    ("Pain was grade 1. 12 patients had none.", 2),
])
def test_sentence_count(text, count):
    assert len(split_sentences(text)) == count


def test_offsets_index_the_text():
    text = "  One sentence here.  Another (P = .01) one.  "
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
    assert [s.text for s in split_sentences(text)] == ["One sentence here.", "Another (P = .01) one."]
