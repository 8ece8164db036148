"""Sentence splitting that keeps offsets: section text in, ``Sentence`` spans out.

A full stop ends a sentence only when a capital, digit or opening bracket
follows after whitespace (or a heading follows with none: "weeks.Results The") and the word before it is not an abbreviation
("vs.", "et al.", "e.g.", "i.e.", "Fig.", "approx."); decimals and
"P = .01" never split because no whitespace follows their dot, and neither does
a decimal a copy put a space in after a ratio, a CI or a p-value ("OR 1. 77", "P=0. 122").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A candidate end: terminal punctuation, optional closing quote/bracket, then space and a start.
SENTENCE_END_RE = re.compile(r"[.!?][\"')\]]?(?=\s{1,8}[\"'(\[]?[A-Z0-9])")
# Or a full stop glued to the heading after it, as text run together from a page or an export writes it
# ("every 12 weeks.Results The median PFS ...").
GLUED_END_RE = re.compile(r"(?<=[a-z%)])\.(?=(?:Results|Methods|Conclusions?|Background|Objectives?|Purpose|Aims?"
                          r"|Findings|Interpretation|Introduction)\s)")
WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]{0,12})$")
LETTER_NAME_BEFORE_RE = re.compile(r"\b(?:[Aa]rms?|[Gg]roups?|[Cc]ohorts?|[Pp]hase|[Ss]tage|[Tt]ype|[Gg]rade)\s$")
# "OR 1. 77": one digit after a ratio's label, a relation or a CI's bound, then the dot.
SPACED_DECIMAL_RE = re.compile(r"(?:[=:<>≤≥(\[,–-]|\b(?:OR|HR|RR|CI|[Pp]|was|of))\s?\d\.\s\d$")

ABBREVIATIONS = frozenset({
    "vs", "v", "al", "e.g", "eg", "i.e", "ie", "fig", "figs", "approx", "ca", "cf", "dr", "no",
    "nos", "mr", "mrs", "ms", "prof", "inc", "ltd", "co", "corp", "st", "vol", "resp",
    "min", "max", "incl", "ref", "refs", "jr", "sr", "u.s", "n.s", "et",
})


@dataclass(frozen=True)
class Sentence:
    """One sentence of a section: ``section_text[start:end] == text``."""

    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot: int) -> bool:
    match = WORD_BEFORE_RE.search(text, max(0, dot - 13), dot)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    # A single capital before the dot is an initial ("M. M. Walther"), not an end; but not in "Group B."
    return word in ABBREVIATIONS or (len(word) == 1 and text[dot - 1].isupper()
                                     and not LETTER_NAME_BEFORE_RE.search(text, max(0, dot - 12), dot - 1))


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text`` with their offsets, whitespace trimmed."""
    out: list[Sentence] = []
    begin = 0
    ends = list(SENTENCE_END_RE.finditer(text))
    if GLUED_END_RE.search(text):
        ends = sorted(ends + list(GLUED_END_RE.finditer(text)), key=lambda m: m.start())
    for match in ends:
        dot = match.start()
        if text[dot] == "." and (_is_abbreviation(text, dot) or SPACED_DECIMAL_RE.search(text, max(0, dot - 6), dot + 3)):
            continue
        _append(out, text, begin, match.end())
        begin = match.end()
    _append(out, text, begin, len(text))
    return tuple(out)


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
