"""Findings: scoped sentences in, typed ``Finding`` values with their spans out.

Per sentence: find intervals, p-values and anchors; attach each interval to the
number before it; type each number from its cue words (or from the number it
is compared with: "45.6 months ... vs 40.5 months"); read its relation, time
point, arm and scope; give each p-value to the comparison it closes; then
distribute "respectively" lists over their items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.extract.anchors import NO_EVENTS_RE, Anchor, find_anchors, intervals_and_p
from generator.extract.arms import StudyArms
from generator.extract.attribution import KINDS_JOINED_RE, LIST_GAP_RE, Number, attribute, find_mentions
from generator.extract.kinds import (
    AFTER_PREDICATE_RE, OF_SUBGROUP_RE, RATE_CUE_RE, RATE_GROUPS, TIME_CUE_RE, TIME_GROUPS, cue_end, cue_kind, cue_spans,
    first_kind_after, has_verb, last_kind_before,
)
from generator.extract.numbers import WORD_NUMBER_RE, parse_words
from generator.extract.scope import ScopedSentence
from generator.model import Finding

WINDOW = 220
LABEL_OPENS_RE = re.compile(r"[(\[][A-Za-z][\w-]{0,10}$")
DIGIT_RE = re.compile(r"\d")
# A time point's number, tried only at the characters one starts with (the look-ahead).
TP_NUMBER = (r"(?=[\dotfsenOTFSEN])"
             r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|eighteen|twenty|thirty)")
TIMEPOINT_RE = re.compile(
    rf"(?<![\w.-])(?P<n>{TP_NUMBER})(?:\s?-|\s)(?P<unit>year|month|yr|mo)s?\b(?![\w-]|\s(?:period|old|follow))",
    re.IGNORECASE,
)
# "superior in 3-year OS (RR 1.377": a ratio of rates at a time point names it just before its bracket.
RATIO_TIMEPOINT_RE = re.compile(rf"(?<![\w.-])(?P<n>{TP_NUMBER})\s?-(?P<unit>year|month)s?\s(?:[A-Za-z-]+\s){{0,3}}?"
                                r"[A-Za-z-]+\s?[(\[][^()\[\]]{0,12}$", re.IGNORECASE)
# "followed for 5 years", "a median follow-up of 2 years": how long, not when a rate was read.
NOT_TIMEPOINT_BEFORE_RE = re.compile(r"(?:follow[- ]?up|followed|\bfor|\bduring|\bover|\baged?|\bmedian|\bwithin)"
                                     r"(?:\s\w+){0,2}\s(?:of\s)?$", re.IGNORECASE)
TIMEPOINT_AT_RE = re.compile(rf"^[^;\d]{{0,40}}?\bat\s(?P<n>{TP_NUMBER})[\s-](?P<unit>years?|months?)\b", re.IGNORECASE)
# "1.3% 12 months after treatment": the time point right after the rate.
TIMEPOINT_AFTER_RE = re.compile(rf"^\s?(?P<n>{TP_NUMBER})[\s-](?P<unit>years?|months?)\s(?:after|post|from|following)\b",
                                re.IGNORECASE)
# "77%, 30% and 27% at 1, 3 and 5 years": time points listed after the rates.
TP_AT_LIST_RE = re.compile(rf"(?=a)\b(?:at|after)\s(?P<list>(?:{TP_NUMBER},?\s(?:and\s)?){{1,6}}{TP_NUMBER})[\s-](?P<unit>years?|months?)\b",
                           re.IGNORECASE)
TP_LIST_RE = re.compile(
    rf"(?<![\w.-])(?P<list>(?:{TP_NUMBER}(?:-(?:year|month))?-?,?\s(?:and\s)?){{1,6}}{TP_NUMBER})[- ](?P<unit>year|month|yr)s?\b",
    re.IGNORECASE,
)
TP_HINT_RE = re.compile(r"[- ](?:year|month|yr)", re.IGNORECASE)
TP_ITEM_RE = re.compile(rf"(?<![\w-]){TP_NUMBER}(?![\w])", re.IGNORECASE)
TIMEPOINT_AT_BEFORE_RE = re.compile(rf"\bat\s(?P<n>{TP_NUMBER})\s(?P<unit>years?|months?)\b", re.IGNORECASE)
# "the rate of PFS at month 20": a time point named by its unit first.
AT_MONTH_N_BEFORE_RE = re.compile(r"\bat\s(?P<unit>month|year)\s(?P<n>\d{1,3})\b", re.IGNORECASE)
# A duration after "every" is a schedule ("assessed every 12 weeks"), never a result.
EVERY_BEFORE_RE = re.compile(r"\b(?:every|each|q)\s?$", re.IGNORECASE)
# "at 24 months", "at 3 and 5 years": when, not how long.
TIME_POINT_BEFORE_RE = re.compile(r"\b(?:at|within|by|beyond|through|until)\s(?:\d{1,3}(?:,\s|,?\s(?:and|or)\s))*$",
                                  re.IGNORECASE)
CHANGE_AFTER_RE = re.compile(
    r"\s?(?:relative\s|absolute\s)?(?:reduction|decrease|increase|decline|shrinkage|improvement|drop|rise)\b",
    re.IGNORECASE)
# "The risk of recurrence was reduced by 30%": a relative change, not a rate.
CHANGED_BY_BEFORE_RE = re.compile(r"\b(?:reduced|decreased|increased|lowered|improved|fell|dropped|rose|declined|"
                                  r"reduction|decrease|increase)\s(?:\w+\s)?(?:by|of)\s(?:about\s|approximately\s)?$",
                                  re.IGNORECASE)
BRACKET_RE = re.compile(r"[()\[\]]")
RATES_IN_BRACKET_RE = re.compile(r"^\s?\(\s?\d[\d.]*\s?%")
# A list item's name right after its number, before anything else is said.
ITEM_LABEL_RE = re.compile(r"^[\s,]{0,2}(?:had\s|with\s)?(?:an?\s)?(?:[\w-]+\s){0,1}[\w-]+(?:\s[\w-]+)?(?=[,;.)]|\s(?:and|or)\b|$)")
RANGE_IN_BRACKET_RE = re.compile(r"[(\[,;]\s?(?:range|IQR|interquartile\srange)[,:]?\s?(?:of\s|from\s)?$", re.IGNORECASE)
RANGE_END_BEFORE_RE = re.compile(r"\brang(?:e|es|ed|ing)\s(?:from|between)\s(?:\d[\d.]*\+?\s\w+\s(?:to|and)\s)?$",
                                 re.IGNORECASE)
COMPARED_BEFORE_RE = re.compile(r"\b(?:longer|shorter|better|worse|improved|prolonged|superior|inferior)\s(?:for|in|with|among)"
                                r"\s[^;]{1,80}?\s(?:than|versus|vs\.?|compared\swith)\s[^;]{1,60}[(\[]$", re.IGNORECASE)
COMPARATOR_BRACKET_RE = re.compile(r"\b(?:than|to|versus|vs\.?|compared\s(?:with|to)|over)\s[^;()]{1,60}?[(\[]\s?$",
                                   re.IGNORECASE)
LONGER_AFTER_RE = re.compile(r"^\s?(?:months?|years?|weeks?|days?)?\s(?:longer|shorter|more|less|better|worse|gained)\b",
                             re.IGNORECASE)
# "difference -2.9%": a between-arm difference has no kind of its own; typing it as a rate would be wrong.
DIFFERENCE_BEFORE_RE = re.compile(r"\bdifference[,:]?\s(?:of\s|was\s|in\s\w+\s)?[-−–]?$", re.IGNORECASE)
RELATION_BEFORE_RE = re.compile(
    r"(?P<rel>[<>≤≥⩽⩾]=?|more\sthan|greater\sthan|less\sthan|fewer\sthan|over|under|up\sto|at\sleast|exceeding)\s?$",
    re.IGNORECASE,
)
# "a minimal progression-free survival of 18 months": a threshold, at least that long.
MINIMAL_BEFORE_RE = re.compile(r"(?P<rel>minim(?:al|um))\s[\w()-]+(?:\s[\w()-]+){0,4}\sof\s$", re.IGNORECASE)
RELATION_WORDS = {"minimal": ">=", "minimum": ">=", "more than": ">", "greater than": ">", "over": ">", "exceeding": ">", "less than": "<",
                  "fewer than": "<", "under": "<", "up to": "<=", "at least": ">=", "≤": "<=", "≥": ">=", "⩽": "<=",
                  "⩾": ">="}
CITED_NEAR_RE = re.compile(
    r"\b(?:average|historical(?:ly)?|previously\sreported|reported\sby|in\sthe\sliterature|literature"
    r"|compared\s(?:with|to)\s(?:that|those|the\s\w+(?:\s\w+)?\s(?:of|in)\s(?:patients|those)\s(?:treated|receiving))"
    r")\b",
    re.IGNORECASE,
)
DESIGN_RE = re.compile(
    r"(?<![\w-])(?=[phswtmcnie])(?:primary\s(?:end\s?-?\s?point|outcome|objective)|\bpowered\b|sample\ssize|hypothes|\bwas\smet\b|\bwere\smet\b"
    r"|to\sdetect|threshold|margin|considered\s(?:promising|active|worthy)|null\shypothesis|\beligib|inclusion\scriteria"
    r"|selected\sfor|\bminim(?:al|um)\s|\bto\s(?:demonstrate|show)\b|\btheoretical\b)",
    re.IGNORECASE,
)
MARGIN_BEFORE_RE = re.compile(r"\bmargin\b(?:\s(?:of|was|is|set\sat))?(?:\s[\w-]+){0,4}\s?$", re.IGNORECASE)
RESPECTIVELY_RE = re.compile(r"\brespectively\b", re.IGNORECASE)
# Measures the extractor keeps no kind for, written with their number: time ratios, mean and risk differences.
OTHER_MEASURE_RE = re.compile(r"(?:\b(?:TRs?|S?W?MDs?|SMDs?|RDs?|ARR|ARD|IRRs?|β)|time\sratios?|differences?|coefficients?"
                              r"|estimates?)\s?(?:[:=,(]|of|was|were)?\s?[-−]?\d")
AIM_RE = re.compile(r"\b(?:objective|aim|goal|purpose)\s(?:was|is)\sto\s(?:demonstrate|show|detect)\b|\bpowered\sto\b",
                    re.IGNORECASE)
# "and 28% showed stable disease": a verb right after a bare percentage joins it to the outcome after the verb
# (", with two of eight patients showing ..." does not).
BARE_PREDICATE_RE = re.compile(r"\s(?:of\s(?:the\s)?patients\s)?(?:had|achieved|attained|experienced|developed|showed)\s")
STATISTIC_HINT_RE = re.compile(r"lpha|eta|α|β|rror|ower|evel")
STATISTIC_AFTER_RE = re.compile(r"\s?(?:statistical\s)?power\b", re.IGNORECASE)
STATISTIC_BEFORE_RE = re.compile(r"\b(?:alpha|α|beta|β|type\s(?:I|II|1|2)\serror|power|significance\slevel)"
                                 r"(?:\s(?:risk|error|level))?(?:\s(?:of|was|=|at))?\s?$", re.IGNORECASE)
NEGATIVE_BEFORE_RE = re.compile(r"(?<![\w)\]%.])[-−]\s?$")
OPEN_BRACKET_RE = re.compile(r"\s?[(\[]")
DASH_RE = re.compile(r"\d\s?[-–—]\s?\d")
# Kinds coordinated before the values of a list of kinds ("median progression free and overall survival").
KIND_JOIN_RE = re.compile(r"[\s-]?(?:rates?\s)?(?:,\s?and|,|and|&|/)\s?(?:the\s)?(?:median\s)?(?:\d{1,3}-(?:day|month|year)\s)?$",
                          re.IGNORECASE)
TIMEPOINT_KINDS = frozenset({"overall_survival_rate", "progression_free_survival_rate", "disease_free_survival_rate",
                             "recurrence_rate", "toxicity_rate", "mortality", "count_other"})
# A p-value tests a comparison; a dose or a follow-up time is never what it tests.
NO_P_KINDS = frozenset({"dose", "follow_up"})
UNIT_SHORT = {"yr": "year", "mo": "month"}


@dataclass(frozen=True)
class Typed:
    """An anchor with the kind and attachments read for it (sentence-local offsets)."""

    anchor: Anchor
    kind: str
    relation: str = "="
    timepoint: str | None = None
    arm: str | None = None
    scope: str = "study"
    p_value: float | None = None
    p_text: str | None = None
    ci: tuple[float | None, float | None, float | None] | None = None
    unsettled: tuple[str, ...] = ()  # what the rules could not settle: "kind", "arm", "timepoint"


def _timepoint(n: str, unit: str) -> str | None:
    value = int(n) if n.isdigit() else parse_words(n)
    if not value:
        return None
    unit = unit.lower().rstrip("s")
    return f"{value}-{UNIT_SHORT.get(unit, unit)}"


def _clause_start(text: str, pos: int) -> int:
    # A colon does not end a clause: "PFS was also significantly different: Y90 (54 days), CE (52 days)"; nor
    # does the semicolon after an abbreviation that opens a bracket: "time to progression (TTP; 9.8 v 7.3 months)".
    start = max(0, pos - WINDOW)
    cut = text.rfind(";", start, pos)
    while cut >= 0 and LABEL_OPENS_RE.search(text, max(0, cut - 14), cut):
        cut = text.rfind(";", start, cut)
    return cut + 1 if cut >= 0 else start


def _clause_end(text: str, pos: int) -> int:
    end = min(len(text), pos + WINDOW)
    found = text.find(";", pos, end)
    return found if found >= 0 else end


def _type_anchors(text: str, anchors: list[Anchor], scope: str, label: str) -> list[Typed]:
    numbers = [a for a in anchors if a.family != "p"]
    spans = _bracket_spans(text)
    planned = DESIGN_RE.search(text) is not None
    aim = AIM_RE.search(text) if planned else None
    cues = {family: cue_spans(family, text) for family in {a.family for a in numbers if a.family in ("rate", "duration")}}
    typed: list[Typed] = []
    previous: Typed | None = None
    used = 0  # words after a number that named it are its own, not the next number's
    waiting: list[Anchor] = []
    for index, anchor in enumerate(numbers):
        tail = max(anchor.end, anchor.extent)
        if anchor.interval and anchor.interval.start - tail <= 3:
            tail = max(tail, anchor.interval.end)  # its own bracket; an interval further on is passed over
        floor = max(_clause_start(text, anchor.start), _tail(previous.anchor) if previous else 0, used)
        nxt = numbers[index + 1].start if index + 1 < len(numbers) else len(text)
        start = min(floor, anchor.start)
        before = _outside_brackets(text, start, anchor.start, spans)
        after = text[tail:min(nxt, _clause_end(text, tail))]
        cued = last_kind_before(cues[anchor.family], start, anchor.start,
                                [(o, c) for o, c in spans if start <= o and c < anchor.start]) \
            if anchor.family in cues else None
        # "12 of 71 (17%) on IL-2 alone" is listed with "three of 28 (11%) on IL-2/IFN", a number of its shape,
        # not with "three partial responses" in the bracket between them.
        listed = next((t for t in reversed(typed) if _same_shape(t.anchor, anchor)), None)
        kind, from_after, settled = _kind(anchor, before, after, previous, listed, cued)
        if anchor.family == "duration" and NEGATIVE_BEFORE_RE.search(text, max(0, anchor.start - 2), anchor.start):
            kind = None  # "(−0.55 months, 95% CI −1.95 to 3.05)": a difference between arms, not a median
        if anchor.family == "duration" and previous and previous.anchor.family == "duration" and \
                OPEN_BRACKET_RE.fullmatch(text, _tail(previous.anchor), anchor.start) and \
                DASH_RE.search(text, anchor.start, anchor.end):
            kind = None  # "5.4 months (1.1–22.7 months)": a range or a CI, unlabelled; no result of its own
        if kind is None and anchor.family == "duration" and COMPARED_BEFORE_RE.search(before):
            # "median OS was 19.1 months and was longer in responders than in nonresponders (27.5 vs. 11.9 months)":
            # the values of a comparison measure what its clause is about.
            clause = _clause_start(text, anchor.start)
            kind = last_kind_before(cues[anchor.family], clause, anchor.start,
                                    [(o, c) for o, c in spans if clause <= o and c < anchor.start])
        if kind is None and anchor.family == "duration" and not TIME_POINT_BEFORE_RE.search(before) and \
                index + 1 < len(numbers) and \
                numbers[index + 1].family == "duration" and LIST_GAP_RE.match(text[tail:nxt]):
            waiting.append(anchor)  # "5 and 11 months after surgery": the measure the next number names
            continue
        if kind is None:
            waiting = []
            continue
        if from_after and (end := cue_end(anchor.family, after)) is not None:
            used = tail + end
        relation = "="
        rel = RELATION_BEFORE_RE.search(text, max(0, anchor.start - 14), anchor.start) or \
            (MINIMAL_BEFORE_RE.search(text, max(0, anchor.start - 60), anchor.start) if "minim" in before else None)
        if rel:
            written = rel.group("rel").lower()
            relation = RELATION_WORDS.get(written, written)
        if relation != "=" and anchor.family == "rate" and CHANGE_AFTER_RE.match(after):
            continue  # "greater than 90% reduction in tumor mass": a category's threshold, not a result
        if kind in TIMEPOINT_KINDS:
            timepoint = _timepoint_of(text, anchor, text[tail:_clause_end(text, tail)])
        elif anchor.family == "ratio" and (near := RATIO_TIMEPOINT_RE.search(text, max(0, anchor.start - 40), anchor.start)):
            timepoint = _timepoint(near.group("n"), near.group("unit"))  # "in 3-year OS (RR 1.377, ...)"
        else:
            timepoint = None
        own_scope = scope
        if CITED_NEAR_RE.search(before):
            own_scope = "cited"
        elif "margin" in before and MARGIN_BEFORE_RE.search(before):
            own_scope = "design"  # "the non-inferiority margin was a hazard ratio of 1.25", in any section
        elif own_scope == "study" and planned and (relation != "=" or label in ("methods", "objective")
                                                   or (aim and aim.start() < anchor.start)):
            own_scope = "design"  # "The main objective was to demonstrate 6-month PFS of 45%", in any section
        # A p-value that opens a ratio's bracket ("(p<0.0001, HR 0.21") is the ratio's.
        previous = Typed(anchor, kind, relation, timepoint, None, own_scope, ci=_ci(anchor),
                         p_value=anchor.p.value if anchor.p else None, p_text=anchor.p.text if anchor.p else None,
                         unsettled=() if settled else ("kind",))
        typed.extend(replace(previous, anchor=a, ci=_ci(a)) for a in waiting)
        waiting = []
        typed.append(previous)
    return sorted(typed, key=lambda t: t.anchor.start)


def _ci(anchor: Anchor) -> tuple[float | None, float | None, float | None] | None:
    return (anchor.interval.low, anchor.interval.high, anchor.interval.level) if anchor.interval else None


def _bracket_spans(text: str) -> list[tuple[int, int]]:
    """Where each closed bracket of a sentence opens and closes."""
    spans, stack = [], []
    for m in BRACKET_RE.finditer(text):
        if m.group() in "([":
            stack.append(m.start())
        elif stack:
            spans.append((stack.pop(), m.start()))
    return spans


def _same_shape(a: Anchor, b: Anchor) -> bool:
    """Whether two numbers are written alike: one family and unit, both counted out of a total or neither."""
    return a.family == b.family and a.unit == b.unit and (a.denominator is None) == (b.denominator is None)


def _outside_brackets(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """``text[start:end]`` with the brackets that open and close within it blanked: their words name
    their own numbers ("three partial responses [PRs] lasting 14 months"), not the next one."""
    inside = [(o, c) for o, c in spans if start <= o and c < end]
    if not inside:
        return text[start:end]
    chars = list(text[start:end])
    for o, c in inside:
        chars[o - start:c - start + 1] = " " * (c - o + 1)
    return "".join(chars)


def _tail(anchor: Anchor) -> int:
    return max(anchor.end, anchor.extent, anchor.interval.end if anchor.interval else 0)


def _timepoint_of(text: str, anchor: Anchor, after: str) -> str | None:
    """When a rate was measured: "12 months after treatment" or "at 2 years" after it (``after``: the rest of
    its clause), else the nearest "5-year" or "at 3 years" before it."""
    at = TIMEPOINT_AFTER_RE.match(after) or TIMEPOINT_AT_RE.match(after)
    if at:
        return _timepoint(at.group("n"), at.group("unit"))
    tps = [m for m in TIMEPOINT_RE.finditer(text, max(0, anchor.start - 150), anchor.start)
           if not NOT_TIMEPOINT_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())]
    if tps:
        return _timepoint(tps[-1].group("n"), tps[-1].group("unit"))
    if " at " in text:
        clause = _clause_start(text, anchor.start)
        ats = list(TIMEPOINT_AT_BEFORE_RE.finditer(text, clause, anchor.start)) or \
            list(AT_MONTH_N_BEFORE_RE.finditer(text, clause, anchor.start))
        if ats:
            return _timepoint(ats[-1].group("n"), ats[-1].group("unit"))
    return None


def _kind(anchor: Anchor, before: str, after: str, previous: Typed | None, listed: Typed | None,
          cued: str | None) -> tuple[str | None, bool, bool]:
    """The kind of a number, whether the words after it named it, and whether the rules settled it
    (``previous``: the number just before it; ``listed``: the last one written alike; ``cued``: the kind the
    nearest cue before it names).

    Its own words first ("17 complete responses"); then words after it that a predicate joins to it
    ("18 patients (20.7%) had stable disease"); the nearest cue before it; the kind of the number it is
    listed with ("72.9% ... in the nivolumab group, as compared with 42.1%"); a cue after it. A
    percentage nothing names is a count whose kind is not settled.
    """
    if anchor.family == "ratio":
        return anchor.ratio_kind, False, True
    if anchor.family == "dose":
        if RANGE_IN_BRACKET_RE.search(before):
            return None, False, True  # "(range 26.3–46.4 GBq)": the spread of a dose, not a dose given
        return "dose", False, True
    if anchor.family == "rate" and (("ower" in after[:16] and STATISTIC_AFTER_RE.match(after))
                                    or (STATISTIC_HINT_RE.search(before, len(before) - 40)
                                        and STATISTIC_BEFORE_RE.search(before, len(before) - 40))):
        return None, False, True  # "an alpha risk of 5% and beta risk of 10%": the design's error rates
    if "difference" in before and DIFFERENCE_BEFORE_RE.search(before):
        return None, False, True
    if anchor.family == "duration" and EVERY_BEFORE_RE.search(before, len(before) - 8):
        return None, False, True  # "every 12 weeks": a schedule
    if anchor.family == "duration" and TIME_POINT_BEFORE_RE.search(before):
        return None, False, True  # "overall survival at 24 months was 46.5%": 24 months is when, not how long
    if anchor.family == "duration" and previous and previous.anchor.family == "rate" and not before.strip():
        return None, False, True  # "was 1.3% 12 months after treatment": when the rate was read
    if anchor.family == "duration" and RATES_IN_BRACKET_RE.match(after):
        return None, False, True  # "2 years (28.5% vs. 17.9%)": when the rates in the bracket were read
    if anchor.family == "duration" and RANGE_IN_BRACKET_RE.search(before):
        return None, False, True  # "a median follow-up of 66 months (range, 2–126 months)": the spread, no result
    if anchor.family == "duration" and RANGE_END_BEFORE_RE.search(before):
        return "count_other", False, True  # "PFS ranges from 5+ years to 30+ years": the ends of a range, no median
    if anchor.family == "duration" and LONGER_AFTER_RE.match(after):
        return "count_other", False, True  # "a median OS of approximately 2 years longer": a difference
    if anchor.family == "rate" and (CHANGE_AFTER_RE.match(after)
                                    or ((" by " in before[-30:] or " of " in before[-30:])
                                        and CHANGED_BY_BEFORE_RE.search(before, len(before) - 50))):
        return "count_other", False, True  # "a 54% reduction in tumour size" is a change, not a response rate
    if anchor.closed:
        return cue_kind(anchor.family, anchor.cue, "", "") or "count_other", False, True
    if anchor.needs_cue:
        if cued:
            return cued, False, True
        if listed and listed.anchor.unit == "patients" and "kind" not in listed.unsettled and len(before) < 90 \
                and not has_verb(before):
            return listed.kind, False, True
        return None, False, True
    own = cue_kind(anchor.family, anchor.cue, "", "") if anchor.cue else None
    if own:
        return own, False, True
    if anchor.numerator is not None and not anchor.cue.strip() and OF_SUBGROUP_RE.match(after):
        return "count_other", False, True
    # A count's predicate names it ("two out of eight patients showing partial response"); a bare percentage's
    # does only when a verb follows it at once ("28% showed stable disease", not "25.0%, with two of eight ...").
    if (anchor.cue.strip() or anchor.numerator is not None or BARE_PREDICATE_RE.match(after)) and \
            AFTER_PREDICATE_RE.match(after) and \
            (kind := first_kind_after(anchor.family, after)):
        return kind, True, True
    # "16% partial response, 66% stable disease": an outcome written right after the number names it, before
    # the cue an earlier item left ("80%, partial response 40%" is another matter: a comma comes first).
    if after[:1] == " " and (label := ITEM_LABEL_RE.match(after)) and \
            (kind := first_kind_after(anchor.family, after[:label.end() + 5])):
        return kind, True, True
    if cued:
        return cued, False, True
    if (label := ITEM_LABEL_RE.match(after)) and (kind := first_kind_after(anchor.family, after[:label.end()])):
        return kind, True, True  # "11 (22%) partial response, 12 (24%) stable disease": each item named after it
    # "13.6 months was non-inferior to sorafenib (12.3 months)": the other side of a comparison, the same measure.
    if listed and "kind" not in listed.unsettled and before[-1:] in "([ " and \
            COMPARATOR_BRACKET_RE.search(before, len(before) - 100):
        return listed.kind, False, True
    # "45.6 months (…) in the combined arm vs 40.5 months": the second number is the same measure.
    if listed and "kind" not in listed.unsettled and len(before) < 90 and not has_verb(before):
        return listed.kind, False, "kind" not in listed.unsettled
    if kind := first_kind_after(anchor.family, after):
        return kind, True, True
    if anchor.family == "rate":
        return "count_other", False, False
    return None, False, True


def _attach_intervals(text: str, anchors: list[Anchor], intervals) -> list[Anchor]:
    """Each interval to the number just before it, unless a measure read as no key number stands between
    them with a number of its own ("3.4% (TR 0.95; 95% CI 0.17–5.50)": the interval is the time ratio's)."""
    out = list(anchors)
    for interval in intervals:
        best = None
        for i, anchor in enumerate(out):
            if anchor.family in ("p", "dose") or anchor.start >= interval.start:
                continue
            best = i
        if best is None:
            continue
        anchor = out[best]
        gap = interval.start - max(anchor.end, anchor.extent)
        if anchor.interval is None and 0 <= gap <= 40 and \
                not OTHER_MEASURE_RE.search(text, max(anchor.end, anchor.extent), interval.start):
            out[best] = replace(anchor, interval=interval)
    return out


def _attach_p_values(text: str, typed: list[Typed], anchors: list[Anchor]) -> tuple[list[Typed], list[Anchor]]:
    alone: list[Anchor] = []
    floor = 0
    for anchor in anchors:
        if anchor.family != "p":
            continue
        start = max(floor, _p_segment_start(text, anchor.start))
        hits = [i for i, t in enumerate(typed) if start <= t.anchor.start < anchor.start
                and t.kind not in NO_P_KINDS and t.p_value is None]
        for i in hits:
            typed[i] = replace(typed[i], p_value=anchor.p.value, p_text=anchor.p.text)
        if not hits:
            alone.append(anchor)
        floor = anchor.end
    return typed, alone


def _p_segment_start(text: str, pos: int) -> int:
    """Where the comparison a p-value closes begins: a ";" or ", and" outside the p-value's brackets."""
    low = max(0, pos - 300)
    depth = 0
    i = pos - 1
    while i >= low:  # first leave the bracket the p-value sits in, if any
        if text[i] in ")]":
            depth += 1
        elif text[i] in "([":
            if depth == 0:
                break
            depth -= 1
        i -= 1
    if i < low:
        i = pos
    depth = 0
    for j in range(i - 1, low - 1, -1):
        ch = text[j]
        if ch in ")]":
            depth += 1
        elif ch in "([":
            if depth == 0:
                return j + 1
            depth -= 1
        elif depth == 0 and (ch == ";" or text.startswith(", and ", j)):
            return j + 1
    return low


def _timepoint_list(text: str, typed: list[Typed]) -> list[Typed]:
    """A list of time points with no "respectively" ("the 1-, 3- and 5-year OS rates were 94%, 63% and 41%").

    As many rates as time points after the list: one each, in order. Any other count:
    the rates keep no time point from the list, since a wrong one is worse than none.
    """
    after_list = TP_AT_LIST_RE.search(text) if (" at " in text or " after " in text) else None
    if after_list:
        rates = [i for i, t in enumerate(typed) if t.anchor.end <= after_list.start() and t.anchor.family == "rate"
                 and t.anchor.start >= _clause_start(text, after_list.start())]
        if not rates:  # "at 1, 2 and 3 years was 95%, 90% and 85%"
            rates = [i for i, t in enumerate(typed) if t.anchor.start >= after_list.end() and t.anchor.family == "rate"
                     and t.anchor.start < _clause_end(text, after_list.end())]
        points = [_timepoint(n, after_list.group("unit")) for n in TP_ITEM_RE.findall(after_list.group("list"))]
        if len(points) >= 2 and len(rates) == len(points):
            out = list(typed)
            for i, point in zip(rates, points):
                out[i] = replace(out[i], timepoint=point)
            return out
    tp_list = TP_LIST_RE.search(text) if TP_HINT_RE.search(text) else None
    timepoints = [_timepoint(n, tp_list.group("unit")) for n in TP_ITEM_RE.findall(tp_list.group("list"))] \
        if tp_list else []
    if len(timepoints) < 2:
        return typed
    group = [i for i, t in enumerate(typed)
             if t.anchor.start > tp_list.end() and t.kind != "dose" and t.anchor.family == "rate"]
    out = list(typed)
    _spread_timepoints(text, out, group, timepoints)
    return out


def _spread_timepoints(text: str, out: list[Typed], items: list[int], timepoints: list[str]) -> None:
    """The list's ``timepoints`` to ``items`` (indexes into ``out``): one each, in order, or in turn when there is
    a run of them per group ("at 1-, 3-, and 5-year were 85, 60, and 42% after PH, compared to 73, 60, and 20%
    after TACE"). Any other count leaves the items none of the list's time points: a wrong one is worse."""
    k = len(timepoints)
    runs = [items[n:n + k] for n in range(0, len(items), k)]
    if items and len(items) % k == 0 and (len(runs) == 1 or all(
            LIST_GAP_RE.match(text[_tail(out[a].anchor):out[b].anchor.start]) for run in runs
            for a, b in zip(run, run[1:]))):
        for n, i in enumerate(items):
            out[i] = replace(out[i], timepoint=timepoints[n % k])
        return
    for i in items:
        if out[i].timepoint in timepoints:
            out[i] = replace(out[i], timepoint=None)


def _without_cutoffs(text: str, typed: list[Typed]) -> list[Typed]:
    """ "(DTI >24 months vs. ⩽24 months)": one value on both sides of a relation defines groups; it is no result."""
    def cutoff(t: Typed) -> bool:
        written = re.escape(text[t.anchor.start:t.anchor.end])
        return t.relation != "=" and len(re.findall(rf"[<>≤≥⩽⩾]=?\s?{written}(?![\d.])", text)) > 1
    return [t for t in typed if not cutoff(t)]


def _share_timepoints(text: str, typed: list[Typed]) -> list[Typed]:
    """ "45% and 30% at 2 years": the numbers of one list share the one time point given for them."""
    out = list(typed)
    run: list[int] = []
    for i in range(len(out) + 1):
        joined = i < len(out) and run and out[i].kind == out[run[-1]].kind and \
            LIST_GAP_RE.match(text[_tail(out[run[-1]].anchor):out[i].anchor.start])
        if i < len(out) and (not run or joined):
            run.append(i)
            continue
        points = {out[j].timepoint for j in run} - {None}
        if len(run) > 1 and len(points) == 1:
            point = points.pop()
            for j in run:
                out[j] = replace(out[j], timepoint=out[j].timepoint or point)
        run = [i] if i < len(out) else []
    return out


def _respectively(text: str, typed: list[Typed]) -> tuple[list[Typed], list[tuple[list[int], int, int]]]:
    """Kinds and time points spread over "respectively" lists; each list's numbers and where its word is."""
    marks = [m for m in RESPECTIVELY_RE.finditer(text)]
    if not marks:
        return _kind_list(text, _timepoint_list(text, typed)), []
    tp_list = TP_LIST_RE.search(text)
    timepoints = ([_timepoint(n, tp_list.group("unit")) for n in TP_ITEM_RE.findall(tp_list.group("list"))]
                  if tp_list else [])
    out = list(typed)
    groups: list[tuple[list[int], int, int]] = []
    begin = 0
    for mark in marks:
        group = [i for i, t in enumerate(out) if begin <= t.anchor.start < mark.start() and t.kind != "dose"]
        # The list is of the numbers written like its last one ("At a median follow-up of 15 months, CR, PR ...
        # were seen in five (5.0%), 55 (54.5%) ..., respectively": the follow-up is none of its items).
        group = [i for i in group if out[i].anchor.family == out[group[-1]].anchor.family]
        if tp_list and any(out[i].anchor.start > tp_list.end() for i in group):
            group = [i for i in group if out[i].anchor.start > tp_list.end()]  # else the list follows its rates
        family = out[group[0]].anchor.family if group else None
        kinds = _listed_kinds(text, begin, out[group[0]].anchor.start, family, len(group)) \
            if len(group) >= 2 and family in ("rate", "duration") else []
        if len(kinds) == 1 and len(group) >= 2 and timepoints and len(group) == len(timepoints):
            kinds = kinds * len(group)  # "the 1-, 3- and 5-year DFS rates were a, b and c": one measure, many times
        elif len(kinds) >= 2 and len(group) > len(kinds) and len(group) % len(kinds) == 0:
            # "Response and stable disease were seen in a and b after R, and in c and d after RR, respectively".
            kinds = kinds * (len(group) // len(kinds))
        # "CR and PR rates were 10% and 20%", "Median PFS and OS were 4 months and 15 months, respectively".
        if len(kinds) == len(group) and all(out[i].anchor.family == family for i in group):
            for i, kind in zip(group, kinds):
                out[i] = replace(out[i], kind=kind)
        if timepoints:  # rates and ratios take them ("91.8% and 77.7% after A, and 89.0% ..."); a median none
            _spread_timepoints(text, out, [i for i in group if out[i].anchor.family in ("rate", "ratio")], timepoints)
        groups.append((group, mark.start(), mark.end()))
        begin = mark.end()
    return out, groups


def _kind_list(text: str, typed: list[Typed]) -> list[Typed]:
    """ "The median disease free and overall survival were 247 days and 343 days": as many numbers joined by
    "and" (or commas) as the kinds coordinated just before them take those kinds in order, as if "respectively"
    closed the list. ("vs" joins arms, not kinds: such a list is left to attribution.)"""
    out = list(typed)
    i = 0
    while i < len(out):
        family = out[i].anchor.family
        j = i
        while j + 1 < len(out) and out[j + 1].anchor.family == family and \
                KINDS_JOINED_RE.fullmatch(text, _tail(out[j].anchor), out[j + 1].anchor.start):
            j += 1
        if j > i and family in ("rate", "duration"):
            first = out[i].anchor.start
            pattern, groups = (RATE_CUE_RE, RATE_GROUPS) if family == "rate" else (TIME_CUE_RE, TIME_GROUPS)
            cues = list(pattern.finditer(text, _clause_start(text, first), first))
            coordinated = cues[-1:]
            while len(coordinated) <= len(cues) - 1 and \
                    KIND_JOIN_RE.match(text, cues[-len(coordinated) - 1].end(), coordinated[0].start()):
                coordinated.insert(0, cues[-len(coordinated) - 1])
            kinds = [groups[m.lastgroup] for m in coordinated]
            if len(kinds) == j - i + 1 and len(set(kinds)) == len(kinds):
                for n, kind in zip(range(i, j + 1), kinds):
                    out[n] = replace(out[n], kind=kind)
        i = j + 1
    return out


def _listed_kinds(text: str, start: int, end: int, family: str, count: int) -> list[str]:
    """The kinds a "respectively" list names before its numbers ("CR and PR rates were ...")."""
    pattern, groups = (RATE_CUE_RE, RATE_GROUPS) if family == "rate" else (TIME_CUE_RE, TIME_GROUPS)
    cues = list(pattern.finditer(text, start, end))
    # "Objective response and stable disease, as best response, were": a kind named again is the same item...
    distinct = list(dict.fromkeys(groups[m.lastgroup] for m in cues))
    if len(distinct) == count:
        return distinct
    # ... unless the list names it twice as items of its own ("Median PFS, LPFS and OS were"): then only an
    # abbreviation given in brackets right after its words is the same item ("complete response (CR)").
    items = [m for i, m in enumerate(cues) if i == 0 or groups[m.lastgroup] != groups[cues[i - 1].lastgroup]
             or not OPEN_BRACKET_RE.fullmatch(text, cues[i - 1].end(), m.start())]
    return [groups[m.lastgroup] for m in items] if len(items) == count else distinct


def _finding(item: ScopedSentence, t: Typed) -> Finding:
    base = item.sentence.start
    a = t.anchor
    low, high, level = t.ci if t.ci else (None, None, None)
    return Finding(
        kind=t.kind, value=a.value, text=item.sentence.text[a.start:a.end], section=item.section.label,
        sentence=item.sentence.text, start=base + a.start, end=base + a.end, unit=a.unit, relation=t.relation,
        ci_low=low, ci_high=high, ci_level=level, p_value=t.p_value, p_text=t.p_text,
        numerator=a.numerator, denominator=a.denominator, arm=t.arm, timepoint=t.timepoint, scope=t.scope,
        computed=a.computed, uncertain=",".join(t.unsettled) or None,
    )


def _p_finding(item: ScopedSentence, a: Anchor, scope: str) -> Finding:
    base = item.sentence.start
    return Finding(kind="p_value", value=a.value, text=item.sentence.text[a.start:a.end], section=item.section.label,
                   sentence=item.sentence.text, start=base + a.start, end=base + a.end, relation=a.p.relation,
                   p_value=a.value, p_text=a.p.text, scope=scope)


def sentence_findings(item: ScopedSentence, arms: StudyArms = StudyArms(),
                      previous: tuple[str, ...] = ()) -> tuple[list[Finding], tuple[str, ...]]:
    """The findings of one scoped sentence in text order, and the order of arms it leaves for the next
    sentence (``attribution.attribute``); ``previous`` is the order the sentence before it left."""
    text = item.sentence.text
    intervals, p_values = intervals_and_p(text)
    anchors = _attach_intervals(text, find_anchors(text, intervals, p_values), intervals)
    typed = _without_cutoffs(text, _type_anchors(text, anchors, item.scope, item.section.label))
    typed, alone = _attach_p_values(text, typed, anchors)
    typed, groups = _respectively(text, typed)
    typed = _share_timepoints(text, typed)
    numbers = [Number(t.anchor.start, t.anchor.end, max(t.anchor.extent, t.anchor.end), t.kind,
                      t.anchor.family == "ratio", timepoint=t.timepoint) for t in typed]
    segments = [(seg.start, seg.end, seg.arm) for seg in arms.segments if seg.sentence == text]
    attributed, order = attribute(text, numbers, find_mentions(text, arms), arms, previous, segments, groups)
    typed = [replace(t, arm=a.arm, unsettled=t.unsettled + (() if a.certain else ("arm",))) if a.arm else t
             for t, a in zip(typed, attributed)]
    found = [_finding(item, t) for t in typed] + [_p_finding(item, a, item.scope) for a in alone]
    return sorted(found, key=lambda f: f.start), order


def read_findings(sentences: tuple[ScopedSentence, ...], arms: StudyArms = StudyArms(),
                  max_sentence: int = 4000) -> tuple[Finding, ...]:
    """Every finding of a study's scoped sentences, attributed to the study's ``arms``; furniture and
    run-on text give none."""
    out: list[Finding] = []
    previous: tuple[str, ...] = ()
    last = None
    for item in sentences:
        # A "sentence" this long is not prose (a table or a paste gone wrong): nothing to trust in it.
        if item.scope == "skip" or len(item.sentence.text) > max_sentence:
            continue
        text = item.sentence.text
        if not DIGIT_RE.search(text) and not WORD_NUMBER_RE.search(text) and not NO_EVENTS_RE.search(text):
            continue  # no number in it, written either way
        # Only the sentence just before, in the same section, lends its order of arms.
        if last is not item.section:
            previous = ()
        found, previous = sentence_findings(item, arms, previous)
        last = item.section
        out.extend(found)
    return tuple(out)
