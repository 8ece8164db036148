"""Confidence intervals and p-values found in a sentence, with their spans.

CI forms: "(95% CI, 12% to 21%)", "95% CI = 0.38 to 0.88", "(95% CI: 0.30-0.60)",
"95% confidence interval [CI] = 0.38 to 0.88", "99.79% CI 0.5-0.9", an upper
bound "not reached"/"NR", and a bare "(0.38-0.88)" right after a ratio.
P-value forms: "P = .01", "p < 0.0001", "P<.001", "(P = .005)", "P value of 0.03".
A p-value needs its digits: "P = ." cut off by the end of the text is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.numbers import parse_digits

NUM = r"[-−]?(?:\d{1,3}(?:,\d{3}){1,3}(?!\d)|\d{1,7}(?:\.\d{1,6})?|\.\d{1,6})(?!\d)"
UNIT_AFTER = r"(?:\s?%|\s(?:months?|mo|years?|yrs?|weeks?|wk|days?|d)\b)?"
SEPARATOR = r"\s?(?:to|-|–|—|,|;)\s?"
OPEN_END = r"(?:not\sreached|not\sestimable|not\sevaluable|NR|NE|NA|n\.r\.)"

CI_RE = re.compile(
    rf"(?<![\d.])(?P<level>\d{{2}}(?:\.\d{{1,3}})?)\s?%\s?(?:CIs?|CrI|confidence\s(?:intervals?|limits?))"
    rf"(?:\s?\[(?:CI|CIs)\])?(?:\s?(?:[:=,]|was|of|from|were)){{0,2}}\s?"
    rf"(?P<low>{NUM}){UNIT_AFTER}{SEPARATOR}(?P<high>{NUM}|{OPEN_END}){UNIT_AFTER}",
)
# "0.58 (0.38-0.88)": a bare interval in brackets right after a ratio.
BARE_CI_RE = re.compile(
    rf"\s?[(\[](?P<low>{NUM})\s?(?:to|-|–|—|,)\s?(?P<high>{NUM})[)\]]"
)
P_RE = re.compile(
    r"(?<![A-Za-z])[Pp](?:\s?-?\s?values?)?(?:\s?\((?:log-?rank|two-sided|one-sided)\))?"
    r"\s?(?P<rel>[=<>≤≥]|<=|>=|=\s?<|of|was|is)\s?"
    r"(?P<num>0?\.\d{1,8}|[01](?:\.\d{1,8})?(?![.\d])|\d(?:\.\d{1,3})?\s?[×x]\s?10\s?[-−]\s?\d{1,2})"
    r"(?![\d])",
)
RELATIONS = {"=": "=", "<": "<", ">": ">", "≤": "<=", "≥": ">=", "<=": "<=", ">=": ">=",
             "of": "=", "was": "=", "is": "="}
POWER_P_RE = re.compile(r"(\d(?:\.\d{1,3})?)\s?[×x]\s?10\s?[-−]\s?(\d{1,2})")


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


def find_intervals(sentence: str) -> list[Interval]:
    """Every labelled CI ("95% CI ...") in a sentence, in order."""
    out = []
    for m in CI_RE.finditer(sentence):
        out.append(Interval(m.start(), m.end(), _bound(m.group("low")), _bound(m.group("high")),
                            float(m.group("level"))))
    return out


def bare_interval_at(sentence: str, pos: int) -> Interval | None:
    """A bracketed "(low-high)" starting at ``pos`` (after a ratio), if one is there."""
    m = BARE_CI_RE.match(sentence, pos)
    if not m:
        return None
    low, high = _bound(m.group("low")), _bound(m.group("high"))
    if low is None or high is None or low > high:
        return None
    return Interval(m.start(), m.end(), low, high, None)


def p_value_of(text: str) -> float | None:
    """The value of a p-value's number: ".01" -> 0.01, "2 × 10-5" -> 2e-05."""
    power = POWER_P_RE.fullmatch(text.strip())
    if power:
        return float(power.group(1)) * 10 ** -int(power.group(2))
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
