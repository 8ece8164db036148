"""Confidence intervals and p-values found in a sentence, with their spans.

CI forms: "(95% CI, 12% to 21%)", "95% CI = 0.38 to 0.88", "(95% CI: 0.30-0.60)",
"95% confidence interval [CI] = 0.38 to 0.88", "95% confidence interval [95% CI] = 2.2-21.4",
"95% confidence interval (CI), 0.30-0.60",
"99.79% CI 0.5-0.9", "95% CI [1.25, 1.37]", "95% CI 0·61–0·85", an upper bound
"not reached"/"NR", and a bare "(0.38-0.88)" right after a ratio. A label with no
numbers after it ("odds ratios (95% CI) were 0.89 (0.80-0.99) and 0.81 (0.70-0.93)")
gives its level to each bare interval that follows a number in the rest of the sentence.
P-value forms: "P = .01", "p < 0.0001", "P<.001", "(P = .005)", "P value of 0.03",
"p=0·003", "P=0. 122" (a space a copy left in the decimal).
A p-value needs its digits: "P = ." cut off by the end of the text is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.numbers import parse_digits

# A signed decimal; "·" is a decimal point between digits, and "1. 77" is one number
# whose space a copy inserted (only after a single digit, so "grade 1. 77 patients" stays two).
NUM = (r"[-−]?(?:\d{1,3}(?:,\d{3}){1,3}(?![\d·])|\d[.·]\s\d{1,4}(?![\d.])|\d{1,7}(?:[.·]\d{1,6})?|\.\d{1,6})"
       r"(?![\d])")
UNIT_AFTER = r"(?:\s?%|\s(?:months?|mo|years?|yrs?|weeks?|wk|days?|d)\b)?"
SEPARATOR = r"\s?(?:to|-|–|—|,|;|and)\s?"
OPEN_END = r"(?:not\sreached|not\sestimable|not\sevaluable|NR|NE|NA|n\.r\.)"
LEVEL = r"\d{2}(?:[.·]\d{1,3})?"
CI_WORD = r"(?:CIs?|CrI|C\.I\.|[Cc]onfidence\s(?:[Ii]ntervals?|[Ll]imits?)|[Cc]redible\s[Ii]ntervals?)"

CI_RE = re.compile(
    # "(CI=2.2-3.0)": in a bracket, "CI" with no level of its own is still the interval.
    # "CI 95% 1.2-3.4", "IC 95% 1.2-3.4": the level after the abbreviation.
    rf"(?=[\dCI\s])(?:(?<![\d.·])(?P<level>{LEVEL})(?:\s?%|\spercent)\s?-?\s?{CI_WORD}"
    rf"|(?<=[(\[;,])\s?CI(?=\s?[:=,]?\s?\d)"
    rf"|\b(?:CI|IC)\s(?P<rlevel>{LEVEL})\s?%)"
    rf"(?:\s?[\[(](?:{LEVEL}\s?%\s?)?(?:CI|CIs)[\])])?"
    rf"(?:\s?(?:[:=,;]|was|of|from|were|is|ranged?\sfrom|between)){{0,2}}\s?[(\[]?\s?"
    rf"(?P<low>{NUM}){UNIT_AFTER}{SEPARATOR}(?P<high>{NUM}|{OPEN_END}){UNIT_AFTER}",
)
# "odds ratios (95% CI) were ...", "HR and 95% CI:": a level whose numbers come later, in brackets.
CI_LABEL_RE = re.compile(
    rf"(?:[(\[]\s?(?P<level>{LEVEL})\s?%\s?{CI_WORD}\s?[)\]]"
    rf"|\band\s(?P<and_level>{LEVEL})\s?%\s?{CI_WORD}(?=\s?(?:[:=]|were|was|are|is)\s?\d))",
)
# "0.58 (0.38-0.88)": a bare interval in brackets right after a number. Its bracket may go on
# with the p-value ("(0.80-0.99; P = .02)").
BARE_CI_RE = re.compile(
    rf"\s?[(\[](?P<low>{NUM})\s?%?\s?(?:to|-|–|—|,|;)\s?(?P<high>{NUM})\s?%?(?:[)\]]|(?=[;,]\s?[Pp]\b))"
)
# "(HR 0.72, 0.61-0.85)": an interval with neither label nor bracket of its own, ending the ratio's bracket.
COMMA_CI_RE = re.compile(rf"\s?[,;]\s?(?P<low>{NUM})\s?(?:-|–|—|to)\s?(?P<high>{NUM})(?=\s?[)\]])")
# A number, then its bare interval: what follows a CI label that gave no numbers of its own.
NUMBER_THEN_BARE_RE = re.compile(rf"(?<![\w.·])(?P<num>{NUM})\s?%?(?={BARE_CI_RE.pattern})")
# A bracket that holds a range, an IQR or an SD is not a CI, and after it the label's list is over.
# A CI's label holds one of these (``CI_RE`` is tried only in a sentence that has one).
CI_HINTS = ("CI", "IC", "CrI", "C.I.", "onfidence", "redible")
NOT_CI_RE = re.compile(r"\b(?:range|IQR|interquartile|SD|SE|SEM|standard\s(?:deviation|error))\b|±")
# The "P" first, where the regex engine skips to, then no letter before it (checked once it is found).
P_RE = re.compile(
    r"[Pp](?<![A-Za-z].)(?:\s?-?\s?values?)?(?:\s?\((?:log-?rank|two-sided|one-sided)\))?"
    r"\s?(?P<rel>[=<>≤≥]|<=|>=|=\s?<|of|was|is)\s?"
    r"(?P<num>0?[.·]\d{1,8}|0[.·]\s\d{1,6}|[01](?:[.·]\d{1,8})?(?![.·\d])"
    r"|\d(?:[.·]\d{1,3})?\s?[×x]\s?10\s?[-−]\s?\d{1,2})"
    r"(?![\d])",
)
RELATIONS = {"=": "=", "<": "<", ">": ">", "≤": "<=", "≥": ">=", "<=": "<=", ">=": ">=",
             "of": "=", "was": "=", "is": "="}
POWER_P_RE = re.compile(r"(\d(?:[.·]\d{1,3})?)\s?[×x]\s?10\s?[-−]\s?(\d{1,2})")


@dataclass(frozen=True)
class Interval:
    """A confidence interval and its span in the sentence."""

    start: int
    end: int
    low: float | None
    high: float | None
    level: float | None


@dataclass(frozen=True)
class PValue:
    """A p-value, its relation and text, and its span (``text`` as written)."""

    start: int
    end: int
    value: float
    relation: str
    text: str


def _bound(text: str) -> float | None:
    try:
        return parse_digits(text)
    except ValueError:
        return None  # "not reached": an open bound


def _level(text: str) -> float:
    return parse_digits(text)


def find_intervals(sentence: str) -> list[Interval]:
    """Every CI in a sentence, in order: labelled ones, and bare ones a label before them names."""
    out = []
    for m in CI_RE.finditer(sentence) if any(word in sentence for word in CI_HINTS) else ():
        written = m.group("level") or m.group("rlevel")
        level = _level(written) if written else None
        out.append(Interval(m.start(), m.end(), _bound(m.group("low")), _bound(m.group("high")), level))
    if "CI" in sentence or "onfidence" in sentence:
        out.extend(_labelled_bare(sentence, out))
        out.sort(key=lambda i: i.start)
    return out


def _labelled_bare(sentence: str, labelled: list[Interval]) -> list[Interval]:
    """The bare intervals after a "(95% CI)" label, each after its number, until a range or another label."""
    out: list[Interval] = []
    for label in CI_LABEL_RE.finditer(sentence):
        if any(i.start <= label.start() < i.end for i in labelled):
            continue
        level = _level(label.group("level") or label.group("and_level"))
        stop = next((i.start for i in labelled if i.start >= label.end()), len(sentence))
        later = CI_LABEL_RE.search(sentence, label.end())
        stop = min(stop, later.start() if later else stop)
        pos = label.end()
        for m in NUMBER_THEN_BARE_RE.finditer(sentence, pos, stop):
            bare = bare_interval_at(sentence, m.end(), level)
            if bare is None or NOT_CI_RE.search(sentence, pos, m.start()):
                break
            value = _bound(m.group("num"))
            if value is not None and bare.low <= value <= bare.high:
                out.append(bare)
            pos = bare.end
    return out


def bare_interval_at(sentence: str, pos: int, level: float | None = None) -> Interval | None:
    """A bracketed "(low-high)" starting at ``pos`` (after a ratio), if one is there."""
    m = BARE_CI_RE.match(sentence, pos)
    if not m:
        return None
    low, high = _bound(m.group("low")), _bound(m.group("high"))
    if low is None or high is None or low > high:
        return None
    return Interval(m.start(), m.end(), low, high, level)


def comma_interval_at(sentence: str, pos: int, value: float, level: float | None = None) -> Interval | None:
    """An unlabelled ", low-high" closing the bracket a ratio ``value`` is in ("(HR 0.72, 0.61-0.85)"), if one
    is there and holds the value."""
    m = COMMA_CI_RE.match(sentence, pos)
    if not m:
        return None
    low, high = _bound(m.group("low")), _bound(m.group("high"))
    if low is None or high is None or not low <= value <= high:
        return None
    return Interval(m.start("low"), m.end("high"), low, high, level)


def p_value_of(text: str) -> float | None:
    """The value of a p-value's number: ".01" -> 0.01, "2 × 10-5" -> 2e-05, "0·003" -> 0.003."""
    power = POWER_P_RE.fullmatch(text.strip())
    if power:
        return parse_digits(power.group(1)) * 10 ** -int(power.group(2))
    try:
        value = parse_digits(text)
    except ValueError:
        return None
    return value if 0 < value <= 1 else None


def find_p_values(sentence: str) -> list[PValue]:
    """Every p-value in a sentence, in order; its ``text`` is relation and number ("< .001")."""
    out = []
    for m in P_RE.finditer(sentence):
        value = p_value_of(m.group("num"))
        if value is None:
            continue
        written = m.group("rel").replace(" ", "")
        rel = "<=" if written == "=<" else RELATIONS.get(written, "=")
        if written.isalpha():
            # "P value of 0.03": the number alone is what was written as the value.
            out.append(PValue(m.start("num"), m.end("num"), value, rel, m.group("num")))
        else:
            out.append(PValue(m.start("rel"), m.end("num"), value, rel, sentence[m.start("rel"):m.end("num")]))
    return out
