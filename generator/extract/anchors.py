"""Number anchors: one sentence in, the numbers that could be key numbers out.

An anchor is a number with the shape that makes it worth typing: a ratio after
its label ("HR = 0.58"), a count of a total ("39 of 60 (65.0%)"), a count with
its percentage ("17 complete responses (CRs) (6%)"), a dose with its unit, a
duration, a percentage, a stand-alone p-value. Anything else (years, ages,
IDs, page numbers, schedules) has no anchor and so never becomes a finding.
Finders run in priority order and a later finder never reuses a claimed span.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from generator.extract.intervals import Interval, PValue, bare_interval_at, find_intervals, find_p_values
from generator.extract.numbers import DIGITS, POWER_RE, WORD_NUMBER, apply_power, parse_number, tidy

# The lookahead lets a position that cannot start a number (digit or number word) fail at once.
COUNT = rf"(?=[\dzotfsenZOTFSEN.])(?:{DIGITS}|{WORD_NUMBER})"

RATIO_RE = re.compile(
    r"(?P<label>[Hh]azard\sratios?|\bHRs?\b|[Oo]dds\sratios?|\bORs?\b|[Rr]elative\srisks?|[Rr]isk\sratios?|\bRR\b)"
    r"(?:\s?\[(?:HR|OR|RR)\])?(?:\s(?:for|of)\s[\w -]{1,40}?)?(?:\s?(?:[:=,]|was|of|were))?\s?"
    rf"(?P<num>{DIGITS})",
)
N_OF_N_RE = re.compile(
    rf"(?P<num>{COUNT})\s(?:of|out\sof)\s(?:the\s|all\s)?(?P<den>{DIGITS})"
    r"(?:(?P<mid>(?:\s[A-Za-z][\w-]{0,20}){0,3}?)\s?\((?P<pct>\d{1,3}(?:\.\d{1,2})?)\s?%\))?",
    re.IGNORECASE,
)
COUNT_PCT_RE = re.compile(
    rf"(?P<num>{COUNT})(?P<mid>(?:\s[A-Za-z][\w-]{{0,25}}|\s\([A-Za-z]{{1,8}}\)){{0,4}}?)"
    r"\s?\((?P<pct>\d{1,3}(?:\.\d{1,2})?)\s?%\)",
    re.IGNORECASE,
)
DOSE_UNIT = (r"(?:mg/m2|mg/m²|mg/kg|mg|g/m2|g/m²|µg/kg|μg/kg|µg|μg|mcg/kg|mcg|IU/kg|MIU/m2|MIU/m²|MIU|IU"
             r"|U/kg|units?/kg|units?|U|cGy|Gy|GBq|MBq|mCi|mL/kg)(?:/(?:m2|m²|kg|day|d|dose|week|wk|h))?")
DOSE_RE = re.compile(
    rf"(?P<num>{DIGITS})(?:\s?(?:–|-|to)\s?(?P<hi>{DIGITS}))?(?P<power>{POWER_RE.pattern})?"
    rf"\s?(?P<unit>{DOSE_UNIT})(?![\w/²])",
)
DOSE_LIST_BEFORE_RE = re.compile(rf"(?P<num>{DIGITS})\s(?:or|and|,|to)\s$")
DURATION_RE = re.compile(
    rf"(?P<num>{DIGITS})(?:\s?(?:–|-|to)\s?(?P<hi>{DIGITS}))?\s(?P<unit>months?|mo|years?|yrs?|weeks?|wk|days?)\b(?!-)",
)
PERCENT_RE = re.compile(
    rf"(?P<num>{DIGITS})(?:\s?%?\s?(?:–|-|to)\s?(?P<hi>{DIGITS}))?\s?%(?!\s?(?:CI|CrI|confidence))",
)
COUNT_NOUN_RE = re.compile(
    rf"(?P<num>{COUNT})(?P<mid>(?:\s(?:patients?|cases?|treatment-related|perioperative|postoperative|"
    r"objective|confirmed|durable|major|minor)){0,2}\s(?:complete\sresponses|partial\sresponses|"
    r"complete\sremissions|objective\sresponses|responses|deaths|recurrences|relapses|(?:patients|cases)\s"
    r"(?:died|recurred|relapsed)|(?:(?:patients?|cases?)\s)?(?:had|achieved|attained)\s(?:an?\s)?(?:confirmed\s)?"
    r"(?:complete|partial)\s(?:responses?|remissions?)))\b",
    re.IGNORECASE,
)
# "there were no treatment-related deaths": zero is a result too.
NO_EVENTS_RE = re.compile(
    r"\b[Nn]o\s(?P<mid>(?:(?:treatment|procedure|therapy|drug)[- ]related\s|perioperative\s|postoperative\s"
    r"|operative\s|in-hospital\s|\d{2,3}-day\s)?(?:deaths|mortality))\b(?!\s(?:rate|data))",
)
# "8.3% (4/48; 95% CI ...)": a count written as a fraction, only inside brackets (else it is a date or a grade).
SLASH_COUNT_RE = re.compile(r"(?<=\()(?P<num>\d{1,5})/(?P<den>\d{1,5})(?=[;,)])")
# "36.2 versus 30.8 months": the first number takes the unit written after the second.
DURATION_PAIR_RE = re.compile(
    rf"(?P<num>{DIGITS})\s(?:vs\.?|versus|and|or)\s(?={DIGITS}\s(?P<unit>months?|years?|weeks?)\b)",
)
# "grade 3 toxicity (12%)", "stage 4 (20%)", "day 8": the number names a category, not a count.
CATEGORY_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])(?:grade|grades|stage|stages|phase|cycle|cycles|day|days|week|type|level|arm|group|step|figure|fig\.|table"
    r"|n|no\.|version|class|score|aged?|ages|i2|i²|tau2|τ2)\s?[=:]?\s?$",
    re.IGNORECASE,
)
# "aged 45 years", "older than 65 years": an age, not a time to an event.
AGE_BEFORE_RE = re.compile(r"(?:\bage[ds]?|older|younger|old|≥|>|<|≤)\s?(?:than\s|of\s|was\s|were\s|≥\s?|>\s?)?$",
                           re.IGNORECASE)
AMONG_RE = re.compile(
    rf"\b[Aa]mong\s(?:the\s|all\s)?(?P<den>{DIGITS})\s(?:[\w-]+\s){{0,3}}?(?:patients|cases|participants|subjects),"
    rf"\s(?P<num>{COUNT})\s(?P<mid>(?:are|were|had|have|remain|remained)\s[\w -]{{1,30}})",
)
# Cheap tests that tell whether a costly finder can match at all.
RATIO_HINT_RE = re.compile(r"HR|OR|RR|[Rr]atio|[Rr]isk")
COUNT_NOUN_HINT_RE = re.compile(r"respons|death|died|recurr|relaps|remission", re.IGNORECASE)
UNIT_NAMES = {"mo": "months", "month": "months", "yr": "years", "yrs": "years", "year": "years",
              "wk": "weeks", "week": "weeks", "day": "days"}


@dataclass(frozen=True)
class Anchor:
    """A candidate key number in a sentence (offsets local to the sentence).

    ``family`` is rate, duration, ratio, dose or p; ``cue`` is text written with
    the number that names what it counts ("complete responses").
    """

    family: str
    start: int
    end: int
    value: float
    unit: str | None = None
    numerator: int | None = None
    denominator: int | None = None
    computed: tuple[str, ...] = ()
    ratio_kind: str | None = None
    cue: str = ""
    interval: Interval | None = None
    p: PValue | None = None
    extent: int = 0
    closed: bool = False  # its kind comes from ``cue`` alone, else it is count_other


class Claims:
    """Spans of a sentence already taken by an anchor, an interval or a p-value."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps no claimed span."""
        i = bisect_left(self.starts, end)
        return i == 0 or self.ends[i - 1] <= start

    def take(self, start: int, end: int) -> None:
        """Claim [start, end)."""
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _category(sentence: str, start: int) -> bool:
    return CATEGORY_BEFORE_RE.search(sentence, max(0, start - 12), start) is not None


def _count(text: str) -> int | None:
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) else None


def _ratio_kind(label: str, sentence: str) -> str | None:
    low = label.lower()
    if low.startswith(("hazard", "hr")):
        return "hazard_ratio"
    if low.startswith(("odds", "or")):
        return "odds_ratio"
    if low.startswith(("relative", "risk")):
        return "relative_risk"
    # "RR" is response rate as often as relative risk: only when the text defines it.
    return "relative_risk" if re.search(r"(?:relative\srisk|risk\sratio)\s?\(RR\)", sentence) else None


def find_anchors(sentence: str, intervals: list[Interval], p_values: list[PValue]) -> list[Anchor]:
    """The anchors of one sentence, in text order."""
    claims = Claims()
    for item in intervals:
        claims.take(item.start, item.end)
    for item in p_values:
        claims.take(item.start, item.end)
    anchors: list[Anchor] = []

    def add(anchor: Anchor) -> None:
        claims.take(anchor.start, max(anchor.end, anchor.extent))
        anchors.append(anchor)

    for m in (RATIO_RE.finditer(sentence) if RATIO_HINT_RE.search(sentence) else ()):
        kind = _ratio_kind(m.group("label"), sentence)
        if kind is None or not claims.free(m.start("num"), m.end("num")):
            continue
        bare = bare_interval_at(sentence, m.end("num"))
        add(Anchor("ratio", m.start("num"), m.end("num"), float(m.group("num")), ratio_kind=kind,
                   interval=bare, extent=bare.end if bare else 0))
    for m in (N_OF_N_RE.finditer(sentence) if " of " in sentence or " out of " in sentence else ()):
        num, den = _count(m.group("num")), _count(m.group("den"))
        if (num is None or not den or num > den or not claims.free(m.start(), m.end())
                or _category(sentence, m.start())):
            continue
        end = m.end() if m.group("pct") else m.end("den")
        if m.group("pct"):
            value, computed = float(m.group("pct")), ()
        else:
            value, computed = round(100.0 * num / den, 1), ("value",)
        add(Anchor("rate", m.start(), end, value, "%", num, den, computed,
                   cue=m.group("mid") or ""))
    for m in (COUNT_PCT_RE.finditer(sentence) if "%)" in sentence else ()):
        num = _count(m.group("num"))
        if (num is None or not claims.free(m.start(), m.end()) or re.search(r"\d", m.group("mid"))
                or _category(sentence, m.start())):
            continue
        add(Anchor("rate", m.start(), m.end(), float(m.group("pct")), "%", num, cue=m.group("mid")))
    for m in DOSE_RE.finditer(sentence):
        if not claims.free(m.start(), m.end()):
            continue
        power = POWER_RE.match(m.group("power")) if m.group("power") else None
        unit = m.group("unit")
        end = m.end("power") if m.group("power") else m.end("hi") if m.group("hi") else m.end("num")
        value = tidy(apply_power(parse_number(m.group("num")), power))
        before = DOSE_LIST_BEFORE_RE.search(sentence, max(0, m.start() - 20), m.start())
        if before and claims.free(before.start("num"), before.end("num")):
            add(Anchor("dose", before.start("num"), before.end("num"),
                       tidy(apply_power(parse_number(before.group("num")), power)), unit))
        add(Anchor("dose", m.start(), end, value, unit, extent=m.end()))
    for m in (AMONG_RE.finditer(sentence) if "mong " in sentence else ()):
        num, den = _count(m.group("num")), _count(m.group("den"))
        if num is None or not den or num > den or not claims.free(m.start("num"), m.end("num")):
            continue
        add(Anchor("rate", m.start("num"), m.end("num"), round(100.0 * num / den, 1), "%", num, den,
                   ("value",), cue=m.group("mid"), closed=True))
    for m in (SLASH_COUNT_RE.finditer(sentence) if "/" in sentence else ()):
        num, den = int(m.group("num")), int(m.group("den"))
        if den and num <= den and claims.free(m.start(), m.end()):
            add(Anchor("rate", m.start(), m.end(), round(100.0 * num / den, 1), "%", num, den, ("value",)))
    for m in DURATION_PAIR_RE.finditer(sentence):
        if claims.free(m.start("num"), m.end("num")) and not _category(sentence, m.start()):
            unit = m.group("unit").lower()
            add(Anchor("duration", m.start("num"), m.end("num"), parse_number(m.group("num")),
                       UNIT_NAMES.get(unit, unit.rstrip("s") + "s" if not unit.endswith("s") else unit)))
    for m in DURATION_RE.finditer(sentence):
        if (not claims.free(m.start(), m.end()) or _category(sentence, m.start())
                or AGE_BEFORE_RE.search(sentence, max(0, m.start() - 16), m.start())):
            continue
        unit = m.group("unit").lower()
        end = m.end("hi") if m.group("hi") else m.end("num")
        add(Anchor("duration", m.start(), end, parse_number(m.group("num")), UNIT_NAMES.get(unit, unit),
                   extent=m.end()))
    for m in PERCENT_RE.finditer(sentence):
        # "I2 = 18%" is heterogeneity, not a rate.
        if claims.free(m.start(), m.end()) and not _category(sentence, m.start()):
            add(Anchor("rate", m.start(), m.end(), parse_number(m.group("num")), "%"))
    for m in (COUNT_NOUN_RE.finditer(sentence) if COUNT_NOUN_HINT_RE.search(sentence) else ()):
        num = _count(m.group("num"))
        if num is not None and claims.free(m.start(), m.end()) and not _category(sentence, m.start()):
            add(Anchor("rate", m.start(), m.end("num"), float(num), "patients", num, cue=m.group("mid"),
                       extent=m.end()))
    for m in (NO_EVENTS_RE.finditer(sentence) if "no " in sentence or "No " in sentence else ()):
        if claims.free(m.start(), m.end()):
            add(Anchor("rate", m.start(), m.end(), 0.0, "patients", 0, cue=m.group("mid"), closed=True))
    for p in p_values:
        anchors.append(Anchor("p", p.start, p.end, p.value, p=p))
    anchors.sort(key=lambda a: a.start)
    return _merge_counts(sentence, anchors)


def _merge_counts(sentence: str, anchors: list[Anchor]) -> list[Anchor]:
    """ "20% (52 of 259 patients)": the counts belong to the percentage, not a second finding."""
    out: list[Anchor] = []
    for anchor in anchors:
        prev = out[-1] if out else None
        if (prev and prev.unit == "%" and prev.numerator is None and anchor.denominator and "value" in anchor.computed
                and sentence[prev.end:anchor.start].strip() == "(" and abs(prev.value - anchor.value) <= 1):
            out[-1] = replace(prev, numerator=anchor.numerator, denominator=anchor.denominator)
            continue
        out.append(anchor)
    return out


def intervals_and_p(sentence: str) -> tuple[list[Interval], list[PValue]]:
    """The sentence's labelled intervals and p-values, p-values inside an interval dropped."""
    intervals = find_intervals(sentence)
    p_values = [p for p in find_p_values(sentence)
                if not any(i.start <= p.start < i.end for i in intervals)]
    return intervals, p_values
