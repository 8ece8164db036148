"""Whose number is it: sections in, one ``ScopedSentence`` per sentence out.

A sentence is "study" (this study's own words), "cited" (another study, a
historical figure, the background literature) or "skip" (furniture that slipped
through: a reference, a copyright line, a figure caption). A sentence that
introduces a cited trial carries "cited" into the next one, unless that one
speaks of this study ("we", "our", "this patient").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.sentences import Sentence, split_sentences
from generator.model import Section

CITED_RE = re.compile(
    # Each cue starts a word: tried only there, and only at the letters one starts with.
    r"(?=[A-Zaehioprst])\b(?:\b(?:trial|study|studies|trials)\b[^.;]{0,150}?"
    r"\b(?:was|were|has\sbeen|have\sbeen|had\sbeen)\s(?:recently\s)?"
    r"(?:completed|published|reported)\b|\breported\sby\b"
    r"|\bpreviously\s(?:reported|published|described)\b|\bhistorical(?:ly)?\b|\bin\sthe\sliterature\b"
    r"|\b(?:other|previous|prior|earlier|published)\s(?:studies|trials|series|reports)\b"
    r"|\b[A-Z][a-z]{2,20}\set\sal\b|\b(?:a|the)\srecent(?:ly\spublished)?\s(?:\w+\s){0,3}(?:trial|study|meta-analysis)\b)",
)
OWN_RE = re.compile(
    r"(?=[wouthi])(?:\b(?:we|We|our|Our|us)\b|\b(?:this|the\spresent|the\scurrent)\s(?:study|trial|series|analysis|"
    r"report|case|patient|cohort|review)\b|\bthe\spatient\b|\bin\sa\spatient\b|\bhere\b)",
    re.IGNORECASE,
)
# Reference-list lines, copyright and contact details, figure captions, identifiers.
# Matched against lower-cased text (faster than IGNORECASE on every sentence), and tried only where one
# of them can start (the look-ahead: half the time it takes to try each at every character).
FURNITURE_RE = re.compile(
    r"(?=[\dc©dphw@tf])(?:\b\d{4};\s?\d{1,4}(?:\(\d{1,4}\))?:\s?\d{1,6}|copyright|©|\bdoi:|\bpmid\b|https?://|www\.|@\w"
    r"|\b(?:tel|fax|phone)\b\.?:?\s?\+?\d|^(?:figure|fig\.|table)\s\d)",
)


@dataclass(frozen=True)
class ScopedSentence:
    """A sentence, the section it sits in, and whose numbers it holds."""

    section: Section
    sentence: Sentence
    scope: str


def scope_sentences(sections: tuple[Section, ...]) -> tuple[ScopedSentence, ...]:
    """Every sentence of every section with its scope, in text order."""
    out: list[ScopedSentence] = []
    for section in sections:
        carry = False
        for sentence in split_sentences(section.text):
            text = sentence.text
            if FURNITURE_RE.search(text.lower()):
                out.append(ScopedSentence(section, sentence, "skip"))
                carry = False
                continue
            own = OWN_RE.search(text) is not None
            cited = CITED_RE.search(text) is not None and not own
            if section.label == "background":
                # Background numbers are the literature's, "our previous study" included.
                cited = True
            scope = "cited" if cited or (carry and not own) else "study"
            # Only an introducing sentence carries over, and only one sentence far.
            carry = cited and section.label != "background"
            out.append(ScopedSentence(section, sentence, scope))
    return tuple(out)
