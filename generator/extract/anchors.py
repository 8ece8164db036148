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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from generator.extract.intervals import (Interval, PValue, bare_interval_at, comma_interval_at, find_intervals,
                                         find_p_values)
from generator.extract.numbers import DIGITS, POWER_RE, WORD_NUMBER, apply_power, parse_digits, parse_number, tidy

# The lookahead lets a position that cannot start a number (digit or number word) fail at once.
COUNT = rf"(?=[\dzotfsenZOTFSEN.])(?:{DIGITS}|{WORD_NUMBER})"

# A ratio's label: the words, the abbreviations and their adjusted, pooled and competing-risk forms
# ("aOR", "AOR", "ORadj", "aHR", "sHR", "RRadj", "IRR"); "ARR" (absolute risk reduction) is not one.
RATIO_LABEL = (
    r"(?P<label>(?:[Ss]ubdistribution(?:al)?\s|[Cc]ause-specific\s)?[Hh]azards?\s[Rr]atios?|[Oo]dds\s[Rr]atios?"
    r"|[Rr]elative\s[Rr]isks?(?!\s[Rr]eduction)|[Rr]isk\s[Rr]atios?|[Rr]elative\s[Hh]azards?"
    # Rate and prevalence ratios are risk ratios; a response-rate ratio is a response measure's.
    r"|(?:(?<![Ss]tandardi[sz]ed\s)[Ii]ncidence\s(?:[Rr]ate\s|[Dd]ensity\s)?|(?<![Rr]esponse[- ])[Rr]ate\s"
    r"|[Pp]revalence\s)[Rr]atios?"
    r"|\b(?:a|adj)?IRRs?\b"
    r"|\b(?:a|adj|s|S|cs)?HRs?(?:adj)?\b|\b(?:a|A|adj|c)?ORs?(?:adj)?\b|\b(?:a|adj)?RRs?(?:adj)?\b)"
)
# "(95% CI)", "[95% CI]", "and 95% confidence interval" between a label and its number: the level of the
# intervals after it.
RATIO_CI_LABEL = (r"(?:[(\[]\s?|and\s)(?P<cilevel>\d{2}(?:[.·]\d{1,2})?)\s?%\s?(?:CIs?|CrI|[Cc]onfidence\s[Ii]ntervals?)"
                  r"(?:\s?[)\]])?")
# Words that end a ratio's label phrase: a number after them is another measure's.
RATIO_STOP = (r"(?!(?:CIs?|[Pp]|median|mean|rates?|ratios?|[Hh]azards?|[Oo]dds|HRs?|ORs?|RRs?|IRRs?|aHRs?|aORs?|AORs?"
              r"|percent|proportion|range[ds]?|ranging|between|I2|I²)\b)")
# One word of what a ratio is for ("for death", "of the UFT/LV group", "in 18 studies comprising 2,255 patients",
# "for each 1-SD increase"); a count is a word here, a decimal never is.
RATIO_WORD = (rf"(?:{RATIO_STOP}[A-Za-z][\w'’/+-]{{0,30}}|vs\.|\d{{1,2}}\s?-\s?(?:year|month|week|day)s?\b"
              r"|\d{1,3}-[A-Za-z][\w-]{0,15}|[(\[][A-Za-z][\w/+-]{0,15}[)\]]"
              r"|(?<![\w.·])\d{1,3}(?:,\d{3}){0,3}(?![\d.,·])(?=\s[A-Za-z]))")
RATIO_TOKEN = rf"(?:{RATIO_WORD}|{RATIO_CI_LABEL})"
RATIO_CONNECT = (r"(?:\s?[:=≈,]\s?|\s?[(\[]\s?|\s(?:was|were|is|are|of|at|as|reached|being|equal(?:l?ed|s)?\sto|amounted\sto)"
                 r"\s(?:(?:only|about|approximately|roughly|estimated\sat)\s)?|\s)")
# A ratio as written: a decimal ("0.58", "0·58", "1. 77" with a copied space, ".58"), or a whole number
# that a bracket or a CI follows. A number a unit, a percent sign or a range follows is not a ratio.
RATIO_AFTER_NOT = (
    r"(?!\s?(?:%|±|[×x]\s?10|[-–—]\s?\d|to\s\d|/\s?(?:min|h|d)\b)"
    r"|\s(?:years?|yrs?|months?|mo|weeks?|wk|days?|hours?|h|hrs?|min|patients|cases|studies|trials|subjects"
    r"|participants|people|persons|individuals|women|men|children|events|deaths|mg|g|kg|ml|mL|mm|cm|bpm|beats?"
    r"|breaths|points?|units?|IU|U)\b"
    # "HR 1.00 (reference)": the category the others are measured against, not a result.
    r"|\s?[(\[,;]?\s?(?:ref\b|reference|referent))"
)
RATIO_NUM = (rf"(?<![\w.·])(?P<num>\d[.·]\s\d{{1,4}}|\d{{1,3}}[.·]\d{{1,4}}|\.\d{{1,4}}"
             rf"|\d{{1,3}}(?![,.·]\s?\d)(?=\s?[)\];,(\[]|\.|$|\s\d{{2}}\s?%\s?CI))(?![\d·]|\.\d){RATIO_AFTER_NOT}")
RATIO_RE = re.compile(rf"{RATIO_LABEL}(?:[\s,]\s?{RATIO_TOKEN}){{0,14}}?{RATIO_CONNECT}{RATIO_NUM}")
# "odds ratios of 5.56 and 5.69", "1.43 in adults and in children was 1.89": one label, more values.
RATIO_NEXT_RE = re.compile(
    rf"(?:\s{RATIO_WORD}){{0,3}}?(?:\s?[,;]\s?(?:and\s|or\s)?|\s(?:and|or)\s)(?:(?:{RATIO_WORD}\s){{1,5}}?"
    rf"(?:was|were|is|of|=|:)\s?)?(?=\d|\.\d)"
    rf"(?P<num>\d[.·]\s\d{{1,4}}|\d{{1,3}}[.·]\d{{1,4}})(?![\w·]|\.\d){RATIO_AFTER_NOT}"
)
# "HR was 0.59 (95% CI 0.35-0.99) for liver-related death or transplant and 0.93 (95% CI 0.78-1.11) for death":
# further from its label, a value is one more of its ratios only when its own interval follows it.
# "... (95% CI 1.0-1.7), and for use longer than 5 years 1.9 (95% CI 1.3-2.8)": the words may come after "and".
RATIO_NEXT_FAR_RE = re.compile(
    rf"(?:(?:\s{RATIO_WORD}){{4,8}}?\s?(?:,\s?)?(?:and|or)\s|\s?,?\s?(?:and|or)\s(?:{RATIO_WORD}\s){{1,8}}?)"
    rf"(?P<num>\d[.·]\s\d{{1,4}}|\d{{1,3}}[.·]\d{{1,4}})"
    rf"(?![\w·]|\.\d){RATIO_AFTER_NOT}"
)
# "Hypertension [HR 1.40, 95% CI 1.07–1.83], diabetes (2.53, 1.94–3.29)": after a labelled ratio, a
# bracket holding a value and the interval around it is one more ratio of the same kind.
BARE_RATIO_RE = re.compile(
    r"[(\[]\s?(?P<num>\d{1,3}[.·]\d{1,4})\s?[,;]\s?(?:(?P<level>\d{2}(?:[.·]\d{1,2})?)\s?%\s?CI\s?[:,=]?\s?)?"
    r"(?P<low>\d{1,3}[.·]\d{1,4})\s?(?:[-–—]|to)\s?(?P<high>\d{1,3}[.·]\d{1,4})(?!\d)\s?[)\];,]"
)
# Words that name a measure other than a ratio.
MEASURE_WORDS = r"rates?|percent|proportion|incidence|prevalence|AUC|area|sensitivity|specificity|difference"
# Words between a ratio and such a bracket that say the bracket is another measure's.
OTHER_MEASURE_RE = re.compile(rf"\b(?:median|mean|{MEASURE_WORDS}|months?|years?)\b|%", re.IGNORECASE)
# Words between a ratio and a value far from it that say the value is another measure's ("5 years" may name the
# ratio's category there).
FAR_OTHER_MEASURE_RE = re.compile(rf"\b(?:[Mm]edian|[Mm]ean|{MEASURE_WORDS}|scores?|ratios?|HRs?|ORs?|RRs?)\b|%")
# "(p<0.0001, HR 0.21, ...)": a p-value that opens the ratio's bracket is the ratio's.
P_BEFORE_GAP_RE = re.compile(r"\s?[,;]\s?")
P_OPENS_RE = re.compile(r"[(\[]\s?[Pp](?:\s?-?\s?values?)?\s?$")
# A p-value's span starts at its relation ("= 0.01"): its "p" is part of the gap before it.
ATTACHED_GAP_RE = re.compile(r"[\s,;(\[]{0,3}(?:[Pp](?:\s?-?\s?values?)?\s?)?")
CLOSE_RE = re.compile(r"\s?[)\]]")
RESPONSE_RR_RE = re.compile(r"response\srates?\s?\(RRs?\)|\bRRs?\s?\(response\srates?\)", re.IGNORECASE)
HEART_RATE_RE = re.compile(r"heart\srate\s?\(HR\)", re.IGNORECASE)
RATIO_KINDS = (("hazard", "hazard_ratio"), ("hr", "hazard_ratio"), ("odds", "odds_ratio"), ("or", "odds_ratio"),
               ("relative", "relative_risk"), ("risk", "relative_risk"), ("rr", "relative_risk"),
               ("rate", "relative_risk"), ("incidence", "relative_risk"), ("prevalence", "relative_risk"))
PEOPLE = r"(?:patients|cases|participants|subjects|responders|evaluable|assessable|eligible)\b"
N_OF_N_RE = re.compile(
    # A total written as a word counts people only where they are named ("two out of eight patients"), else it
    # is a phrase ("one of two regimens").
    rf"(?P<num>{COUNT})\s(?:of|out\sof)\s(?:the\s|all\s)?(?P<den>{DIGITS}|{WORD_NUMBER}(?=\s{PEOPLE}))"
    r"(?:(?P<mid>(?:\s[A-Za-z][\w-]{0,20}){0,3}?)\s?\((?P<pct>\d{1,3}(?:\.\d{1,2})?)\s?%\))?",
    re.IGNORECASE,
)
COUNT_PCT_RE = re.compile(
    rf"(?P<num>{COUNT})(?P<mid>(?:\s[A-Za-z][\w-]{{0,25}}|\s\([A-Za-z]{{1,8}}\)){{0,4}}?)"
    r"\s?\((?P<pct>\d{1,3}(?:\.\d{1,2})?)\s?%\)",
    re.IGNORECASE,
)
# A dose's unit: a mass, activity or radiation unit, then what it is per: "mg/m2", "mg/m²", "mg/m(2)"
# (a superscript a copy put in brackets), "mg/kg/day", "mg per kilogram", "mg per square meter".
DOSE_PER = (r"(?:/\s?(?:m2|m²|m\(2\)|m\^2|m\s2(?![\d.,]|\s(?:weeks?|days?|months?|cycles?|doses?|times|h)\b)|kg|day|d"
            r"|dose|week|wk|h)(?![\w²(])|\sper\s(?:kilogram|kg|square\smet(?:er|re)|m2|m²|day|week|dose)\b)")
# Grams and millilitres are doses only per body surface or weight ("g/m2", "mL/kg"): "g/dL" is a lab value.
DOSE_UNIT = (rf"(?:(?:mg|µg|μg|mcg|MIU|IU|units?|U){DOSE_PER}(?:{DOSE_PER})?|g/m(?:2|²)|mL/kg"
             r"|(?:mg|µg|μg|mcg|MIU|IU|units?|U|cGy|Gy|GBq|MBq|mCi)(?![\w/²]))")
# A sentence with none of these has no dose: each unit above holds one.
DOSE_HINTS = ("mg", "µg", "μg", "mcg", "U", "unit", "g/m", "mL/kg", "Gy", "Bq", "mCi")
# "× 105" after a number is its lost power of ten, never a dose of its own; "odds ratio 1.5 per 50 Gy" is a scale.
NOT_AFTER_TIMES = r"(?<![×xX]\s)(?<![×xX])(?<!\bper\s)"
DOSE_RE = re.compile(
    rf"{NOT_AFTER_TIMES}(?P<num>{DIGITS})(?:\s?(?:–|-|to)\s?(?P<hi>{DIGITS}))?(?P<power>{POWER_RE.pattern})?"
    rf"(?P<million>\smillion)?\s?(?P<unit>{DOSE_UNIT})",
)
# "36, 48, and 60 mg", "600,000 or 720,000 IU/kg", "from 7 × 105 to 1.4 × 106 units": the unit written once.
DOSE_LIST_BEFORE_RE = re.compile(
    rf"{NOT_AFTER_TIMES}(?P<num>{DIGITS})(?P<power>{POWER_RE.pattern})?(?:\s?,\s?(?:and\s|or\s)?|\s(?:or|and|to)\s)$"
)
# "28, 17, 10 and 5 months", "4.8 v 2.9 months", "18.5 vs.13 months", "42, 22, and 20%": the numbers listed
# before a duration or a percentage share its unit ("to" makes a range there, which the finders read whole).
UNIT_LIST_BEFORE_RE = re.compile(
    rf"(?<![\w.·×/-])(?P<num>{DIGITS})(?:\s?,\s?(?:and\s|or\s)?|\s(?:or|and|vs\.?|versus|v)\s|\svs\.)$"
)
UNIT_SPELLINGS = ((re.compile(r"\sper\skilogram|\sper\skg|/\s?kg"), "/kg"),
                  (re.compile(r"\sper\ssquare\smet(?:er|re)|\sper\sm[2²]"), "/m²"),
                  (re.compile(r"/\s?m(?:\(2\)|\^2|\s2)"), "/m2"), (re.compile(r"\sper\s"), "/"))
DURATION_UNIT = r"(?P<unit>months?|mo|years?|yrs?|weeks?|wk|days?|d(?=\s?[),;]))"
DURATION_RE = re.compile(
    rf"(?P<num>{DIGITS})\+?(?:\s?(?:–|-|to)\s?(?P<hi>{DIGITS})\+?)?\s{DURATION_UNIT}\b(?!-)",
)
# "9 (95% CI 6.4–11.3) months", "4.76 (range, 0.15–9.84) years": a bracket between a duration and its unit.
DURATION_BRACKET_RE = re.compile(
    rf"(?<![\w.·])(?P<num>{DIGITS})\s?\((?P<inner>[^()]{{3,50}})\)\s{DURATION_UNIT}\b(?!-)",
)
# A minus written right before a number is its sign ("fell by −63%"); a hyphen after a digit or a word
# is a range or a compound ("25-50%", "HER2-63%"), not a sign.
SIGN = r"(?:(?<![\w)\]%.·+−–-])[-−](?=\d))?"
LIST_SEPARATOR_RE = re.compile(r",\s?(?:and\s|or\s)?|\s(?:and|or)\s")
PLUS_MINUS_RE = re.compile(rf"(?P<num>{DIGITS})\s?%?\s?±\s?{DIGITS}\s?(?:%|\spercent\b)")
PERCENT_RE = re.compile(
    rf"(?P<num>{SIGN}{DIGITS})(?:\s?%?\s?(?:–|-|to)\s?(?P<hi>{DIGITS}))?(?:\s?%|\spercent\b)"
    r"(?!\s?(?:CI|CrI|[Cc]onfidence))",
)
# "17 complete responses", "six patients died", "23 patients experienced a complete response", "4 complete
# responders had experienced disease recurrence": a count of patients with an outcome. Where a verb joins
# the count to its outcome, the outcome after the verb (``obj``) names it, not the words of the subject.
COUNT_OUTCOME = (r"(?:complete|partial|objective|major|minor)\s(?:responses?|remissions?)|stable\sdisease"
                 r"|progressive\sdisease|(?:disease\s)?(?:recurrences?|progression|relapses?)"
                 r"|(?:treatment|drug|procedure)-related\s(?:deaths?|mortalit(?:y|ies))")
COUNT_NOUN_RE = re.compile(
    rf"(?P<num>{COUNT})(?P<mid>(?:\s(?:patients?|cases?|treatment-related|perioperative|postoperative|"
    r"objective|confirmed|durable|major|minor|[a-z]+-related)){0,2}\s(?:complete\sresponses?|partial\sresponses?|"
    r"complete\sremissions|objective\sresponses|responses|deaths|recurrences|relapses|(?:(?:patients?|cases?)\s)?"
    r"(?:died|recurred|relapsed)"
    r"|(?:(?:patients?|cases?|subjects|participants|(?:complete\s|partial\s)?responders)\s)?(?:had\s|have\s)?"
    r"(?:had|achieved|attained|experienced|developed|showed|obtained)\s(?:an?\s)?(?:confirmed\s|durable\s)?"
    rf"(?P<obj>{COUNT_OUTCOME})))\b",
    re.IGNORECASE,
)
# "Sixty-four procedures were performed", "Fourteen serious adverse events occurred": counts of events, not people.
EVENT_COUNT_RE = re.compile(
    rf"(?<![/-])(?P<num>(?i:{COUNT}))\s(?:[\w-]+\s)?(?P<noun>procedures|(?:(?:serious|severe|grade\s[3-5])\s)?(?:adverse\sevents|AEs)"
    r"|SAEs|complications)\s(?:were\s|was\s)?(?:performed|occurred|observed|reported|recorded|documented)\b",
)
OTHER_GROUP_COUNT_RE = re.compile(
    rf"\s(?:occurred\s|were\sobserved\s|were\sseen\s)?(?:in|among|with)\s(?:the\s)?[^,;()]{{1,40}}?\s(?:group|arm)"
    rf",?\s(?:and|versus|vs\.?|compared\swith)\s(?P<num>(?i:{COUNT}))\s(?=(?:in|among|with)\s)")
# "toxic effects in two additional patients", "interrupted due to toxicity for seven patients: neuropathy
# (3 patients), rash (1 patient)": a count of people that only the outcome named before it makes a key number,
# and only where the sentence says it happened (not "response was evaluated in 40 patients").
PREP_COUNT_RE = re.compile(
    rf"(?:\b(?:in|for)\s(?P<num>(?i:{COUNT}))\s(?:(?:additional|other|further|more)\s)?(?:patients?|cases?)\b"
    r"(?!\s(?:with|who|treated|receiving|undergoing|aged|had|were|was|and\s\d))"
    rf"|\((?P<bnum>(?i:{COUNT}))\s(?:patients?|cases?)\))",
)
EVENT_VERB_RE = re.compile(r"\b(?:occurred|observed|seen|noted|developed|reported|recorded|documented|experienced"
                           r"|includ(?:es|ed|ing)|interrupted|reduced|discontinued|delayed|required|stopped)\b")
# "there were no treatment-related deaths", "no objective responses were seen", "No patient experienced a DLT":
# zero is a result too ("with no response to prior therapy" describes the patients, and is none).
NO_EVENTS_RE = re.compile(
    r"(?<!with\s)\b[Nn]o\s(?:patients?\s(?:experienced|had|developed|achieved|showed)\s(?:an?\s|any\s)?)?"
    r"(?P<mid>(?:(?:treatment|procedure|therapy|drug)[- ]related\s|perioperative\s|postoperative\s"
    r"|operative\s|in-hospital\s|\d{2,3}-day\s)?(?:deaths?|mortality)"
    r"|(?:objective\s|complete\s|partial\s)(?:responses?|remissions?)|responses"
    r"|DLTs?|dose-limiting\stoxicit(?:y|ies))\b(?!\s(?:rate|data))",
)
# "8.3% (4/48; 95% CI ...)": a count written as a fraction, only inside brackets (else it is a date or a grade).
SLASH_COUNT_RE = re.compile(r"(?<=\()(?P<num>\d{1,5})/(?P<den>\d{1,5})(?=[;,)])")
# "grade 3 toxicity (12%)", "stage 4 (20%)", "day 8": the number names a category, not a count.
CATEGORY_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])(?:grade|grades|stage|stages|phase|cycle|cycles|day|days|week|type|level|arm|group|step|figure|fig\.|table"
    r"|n|no\.|version|class|score|aged?|ages|i\s?2|i²|tau2|τ2)\s?[=:]?\s?"
    # "grade 3 or 4", "grade 3/4", "stages 2-3": the second of two categories.
    r"(?:(?:[1-5]|I{1,3}|IV|V)\s?(?:or|and|/|-|–|to)\s?)?$",
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
RATIO_HINT_RE = re.compile(r"HR|OR|RR|[Rr]atio|[Rr]isk|[Hh]azard")
COUNT_NOUN_HINTS = ("respons", "death", "died", "recurr", "relaps", "remission", "disease", "progression", "mortalit")
DIGIT_NEAR_RE = re.compile(r"\d")
UNIT_AFTER_BRACKET_RE = re.compile(r"\)\s(?:mo|yr|wk|d|months?|years?|yrs|weeks?|days?)\b")
EVENT_NOUN_RE = re.compile(r"procedures|adverse\sevents|AEs|complications")
UNIT_NAMES = {"mo": "months", "month": "months", "yr": "years", "yrs": "years", "year": "years",
              "wk": "weeks", "week": "weeks", "day": "days", "d": "days"}
RANGE_BEFORE_RE = re.compile(r"\brang(?:e|es|ed|ing)\s(?:from\s|between\s)?$", re.IGNORECASE)
BETWEEN_BEFORE_RE = re.compile(r"\b(?:between|from)\s$", re.IGNORECASE)


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
    needs_cue: bool = False  # a count of people that is a key number only where an outcome is named before it


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
    return CATEGORY_BEFORE_RE.search(sentence, max(0, start - 20), start) is not None


def _count(text: str) -> int | None:
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) else None


def _ratio_kind(label: str, response_rr: bool, heart_rate: bool) -> str | None:
    low = label.lower()
    kind = next(kind for cue, kind in RATIO_KINDS if cue in low)
    # "RR" is a response rate where the text says so, "HR" a heart rate.
    if ("rr" in low and response_rr) or ("hr" in low and heart_rate):
        return None
    return kind


def _p_opening(sentence: str, start: int, p_values: list[PValue], p_ends: list[int]) -> PValue | None:
    """The p-value that opens the bracket a ratio's label is in ("(p<0.0001, HR 0.21"), if one does."""
    i = bisect_right(p_ends, start) - 1
    if i < 0:
        return None
    p = p_values[i]
    if P_BEFORE_GAP_RE.fullmatch(sentence, p.end, start) and P_OPENS_RE.search(sentence, max(0, p.start - 14), p.start):
        return p
    return None


def _skip_attached(sentence: str, pos: int, attached: list[Interval | PValue], starts: list[int]) -> int:
    """Past the intervals and p-values written right after ``pos`` (", 95% CI 0.5-0.9; P = .01"), and their bracket."""
    i = bisect_left(starts, pos)
    while i < len(attached) and ATTACHED_GAP_RE.fullmatch(sentence, pos, attached[i].start):
        pos = attached[i].end
        i += 1
    close = CLOSE_RE.match(sentence, pos)
    return close.end() if close else pos


def _interval_follows(sentence: str, pos: int, intervals: list[Interval], level: float | None) -> bool:
    """Whether a confidence interval is written right after ``pos`` ("0.93 (95% CI 0.78-1.11)", "0.93 (0.78-1.11)")."""
    return (bare_interval_at(sentence, pos, level) is not None
            or any(ATTACHED_GAP_RE.fullmatch(sentence, pos, i.start) for i in intervals if i.start >= pos))


def _ratio_anchors(sentence: str, intervals: list[Interval], p_values: list[PValue],
                   claims: Claims) -> tuple[list[Anchor], set[int]]:
    """The ratios of a sentence (each label's values, with their bare intervals), and the p-values they took."""
    out: list[Anchor] = []
    taken: set[int] = set()
    by_start = {i.start: i for i in intervals}
    p_ends = [p.end for p in p_values]
    attached: list[Interval | PValue] = sorted([*intervals, *p_values], key=lambda item: item.start)
    starts = [item.start for item in attached]
    response_rr = RESPONSE_RR_RE.search(sentence) is not None
    heart_rate = HEART_RATE_RE.search(sentence) is not None
    for m in RATIO_RE.finditer(sentence):
        kind = _ratio_kind(m.group("label"), response_rr, heart_rate)
        if kind is None:
            continue
        level = parse_digits(m.group("cilevel")) if m.group("cilevel") else None
        p = _p_opening(sentence, m.start(), p_values, p_ends)
        start, end = m.start("num"), m.end("num")
        for _ in range(8):
            value = parse_digits(sentence[start:end])
            if value <= 0 or not claims.free(start, end):
                break
            bare = bare_interval_at(sentence, end, level) or comma_interval_at(sentence, end, value, level)
            if bare is not None and bare.start in by_start:
                bare = by_start[bare.start]  # a bare interval the sentence's "(95% CI)" label already named
            anchor = Anchor("ratio", start, end, value, ratio_kind=kind, interval=bare, p=p,
                            extent=bare.end if bare else 0)
            claims.take(start, max(end, anchor.extent))
            out.append(anchor)
            if p is not None:
                taken.add(p.start)
                p = None
            pos = _skip_attached(sentence, max(end, anchor.extent), attached, starts)
            more = RATIO_NEXT_RE.match(sentence, pos)
            if more is None:
                more = RATIO_NEXT_FAR_RE.match(sentence, pos)
                if (more is None or FAR_OTHER_MEASURE_RE.search(sentence, pos, more.start("num"))
                        or not _interval_follows(sentence, more.end("num"), intervals, level)):
                    break
            start, end = more.start("num"), more.end("num")
    if out and len({a.ratio_kind for a in out}) == 1:
        last = _skip_attached(sentence, max(max(a.end, a.extent) for a in out), attached, starts)
        out.extend(_bare_ratios(sentence, out[0].ratio_kind, last, by_start, claims))
    return out, taken


def _bare_ratios(sentence: str, kind: str, last: int, by_start: dict[int, Interval], claims: Claims) -> list[Anchor]:
    """The "(2.53, 1.94–3.29)" brackets after ``last``, the end of a sentence's labelled ratios, as more ratios."""
    out: list[Anchor] = []
    for m in BARE_RATIO_RE.finditer(sentence, last):
        value, low, high = (parse_digits(m.group(g)) for g in ("num", "low", "high"))
        if (not 0 < low <= value <= high or not claims.free(m.start("num"), m.end("num"))
                or OTHER_MEASURE_RE.search(sentence, last, m.start())):
            last = m.end()
            continue
        start = m.start("level") if m.group("level") else m.start("low")
        interval = by_start.get(start) or Interval(start, m.end("high"), low, high, None)
        anchor = Anchor("ratio", m.start("num"), m.end("num"), value, ratio_kind=kind, interval=interval,
                        extent=interval.end)
        claims.take(anchor.start, anchor.extent)
        out.append(anchor)
        last = m.end()
    return out


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

    taken: set[int] = set()
    if RATIO_HINT_RE.search(sentence):
        ratios, taken = _ratio_anchors(sentence, intervals, p_values, claims)
        anchors.extend(ratios)
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
    for m in (DOSE_RE.finditer(sentence) if any(hint in sentence for hint in DOSE_HINTS) else ()):
        if not claims.free(m.start(), m.end()):
            continue
        power = POWER_RE.match(m.group("power")) if m.group("power") else None
        unit = _dose_unit(m.group("unit"))
        scale = 1e6 if m.group("million") else 1
        end = m.end("power") if m.group("power") else m.end("hi") if m.group("hi") else m.end("num")
        for member in _dose_list(sentence, m.start(), claims):
            own = POWER_RE.match(member.group("power")) if member.group("power") else power
            add(Anchor("dose", member.start("num"), member.end("power") if member.group("power") else member.end("num"),
                       tidy(apply_power(parse_number(member.group("num")), own) * scale), unit))
        add(Anchor("dose", m.start("num"), end, tidy(apply_power(parse_number(m.group("num")), power) * scale), unit,
                   extent=m.end()))
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
    for m in (DURATION_BRACKET_RE.finditer(sentence) if UNIT_AFTER_BRACKET_RE.search(sentence) else ()):
        if claims.free(m.start("num"), m.end("num")) and not _category(sentence, m.start()):
            interval = next((i for i in intervals if m.start("inner") <= i.start and i.end <= m.end("inner")), None)
            add(Anchor("duration", m.start("num"), m.end("num"), parse_number(m.group("num")),
                       _duration_unit(m.group("unit")), interval=interval, extent=m.end()))
    for m in DURATION_RE.finditer(sentence):
        if (not claims.free(m.start(), m.end()) or _category(sentence, m.start())
                or AGE_BEFORE_RE.search(sentence, max(0, m.start() - 16), m.start())):
            continue
        unit = _duration_unit(m.group("unit"))
        for member in _unit_list(sentence, m.start(), claims):
            add(Anchor("duration", member.start("num"), member.end("num"), parse_number(member.group("num")), unit))
        end = m.end("hi") if m.group("hi") else m.end("num")
        add(Anchor("duration", m.start(), end, parse_number(m.group("num")), unit, extent=m.end()))
    for m in (PLUS_MINUS_RE.finditer(sentence) if "±" in sentence else ()):
        # "85.2 ± 4.5%": the rate, and its standard error, which is no figure of its own.
        if claims.free(m.start(), m.end()) and not _category(sentence, m.start()):
            add(Anchor("rate", m.start("num"), m.end("num"), parse_number(m.group("num")), "%", extent=m.end()))
    category_end = -1
    for m in (PERCENT_RE.finditer(sentence) if "%" in sentence or "percent" in sentence else ()):
        # "I2 = 18%" is heterogeneity, not a rate; so is each item of its list ("I2 = 89%, 82%, and 66%").
        if category_end >= 0 and LIST_SEPARATOR_RE.fullmatch(sentence, category_end, m.start()):
            category_end = m.end()
            continue
        free = claims.free(m.start(), m.end())
        category_end = m.end() if free and _category(sentence, m.start()) else -1
        if free and category_end < 0:
            for member in _unit_list(sentence, m.start(), claims, 100):
                add(Anchor("rate", member.start("num"), member.end("num"), parse_number(member.group("num")), "%"))
            if m.group("hi") and RANGE_BEFORE_RE.search(sentence, max(0, m.start() - 24), m.start()):
                # "5-year survivals ranging from 25-50%": each end is a figure of its own.
                add(Anchor("rate", m.start("num"), m.end("num"), parse_number(m.group("num")), "%"))
                add(Anchor("rate", m.start("hi"), m.end(), parse_number(m.group("hi")), "%"))
                continue
            add(Anchor("rate", m.start(), m.end(), parse_number(m.group("num")), "%"))
    lower = sentence.lower()
    for m in (COUNT_NOUN_RE.finditer(sentence) if any(hint in lower for hint in COUNT_NOUN_HINTS) else ()):
        num = _count(m.group("num"))
        if num is not None and claims.free(m.start(), m.end()) and not _category(sentence, m.start()):
            for member in _unit_list(sentence, m.start(), claims):
                count = _count(member.group("num"))
                if count is not None:
                    add(Anchor("rate", member.start("num"), member.end("num"), float(count), "patients", count,
                               cue=m.group("obj") or m.group("mid"), closed=m.group("obj") is not None))
            add(Anchor("rate", m.start(), m.end("num"), float(num), "patients", num,
                       cue=m.group("obj") or m.group("mid"), extent=m.end(), closed=m.group("obj") is not None))
            # "14 deaths occurred in the A group and 26 in the control group": the same count, for another group.
            other = OTHER_GROUP_COUNT_RE.match(sentence, m.end())
            if other and (more := _count(other.group("num"))) is not None and claims.free(other.start("num"),
                                                                                          other.end("num")):
                add(Anchor("rate", other.start("num"), other.end("num"), float(more), "patients", more,
                           cue=m.group("obj") or m.group("mid"), closed=m.group("obj") is not None))
    noun = EVENT_NOUN_RE.search(sentence)
    for m in (EVENT_COUNT_RE.finditer(sentence, max(0, noun.start() - 40)) if noun else ()):
        num = _count(m.group("num"))
        if num is not None and claims.free(m.start(), m.end()) and not _category(sentence, m.start()):
            unit = "procedures" if m.group("noun") == "procedures" else "events"
            add(Anchor("rate", m.start(), m.end("num"), float(num), unit, num, cue=m.group("noun"), extent=m.end(),
                       closed=True))
    happened = ("patient" in sentence or "case" in sentence) and EVENT_VERB_RE.search(sentence)
    for m in (PREP_COUNT_RE.finditer(sentence, happened.start()) if happened else ()):
        group = "num" if m.group("num") else "bnum"
        num = _count(m.group(group))
        if num is not None and claims.free(m.start(group), m.end(group)) and not _category(sentence, m.start(group)):
            add(Anchor("rate", m.start(group), m.end(group), float(num), "patients", num, extent=m.end(),
                       needs_cue=True))
    for m in (NO_EVENTS_RE.finditer(sentence) if "no " in sentence or "No " in sentence else ()):
        if claims.free(m.start(), m.end()):
            add(Anchor("rate", m.start(), m.end(), 0.0, "patients", 0, cue=m.group("mid"), closed=True))
    for p in p_values:
        if p.start not in taken:
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


def _dose_unit(written: str) -> str:
    """A dose unit in one spelling: "mg per kilogram" -> "mg/kg", "mg/m(2)" -> "mg/m2"."""
    for pattern, canonical in UNIT_SPELLINGS:
        written = pattern.sub(canonical, written)
    return written


def _dose_list(sentence: str, start: int, claims: Claims) -> list[re.Match]:
    """The numbers listed before a dose that share its unit, in text order; a category ("week 1") ends the list."""
    return _listed_before(DOSE_LIST_BEFORE_RE, sentence, start, claims,
                          lambda m: m.end("power") if m.group("power") else m.end("num"))


def _unit_list(sentence: str, start: int, claims: Claims, most: float | None = None) -> list[re.Match]:
    """The numbers listed before a duration or a percentage (at most ``most``) that share its unit."""
    members = _listed_before(UNIT_LIST_BEFORE_RE, sentence, start, claims, lambda m: m.end("num"))
    if most is not None and any(parse_number(m.group("num")) > most for m in members):
        return []
    # "between 2 and 5 years", "aged 45 and 60 years": the list is a range or an age, not results.
    if members and (AGE_BEFORE_RE.search(sentence, max(0, members[0].start() - 16), members[0].start())
                    or BETWEEN_BEFORE_RE.search(sentence, max(0, members[0].start() - 10), members[0].start())):
        return []
    return members


def _listed_before(pattern: re.Pattern, sentence: str, start: int, claims: Claims, end_of) -> list[re.Match]:
    members: list[re.Match] = []
    # A listed number ends a few characters before the next item: where none does, there is no list to look for.
    while len(members) < 6 and DIGIT_NEAR_RE.search(sentence, max(0, start - 10), start):
        m = pattern.search(sentence, max(0, start - 30), start)
        if m is None or not claims.free(m.start(), end_of(m)) or _category(sentence, m.start()):
            break
        members.append(m)
        start = m.start()
    return members[::-1]


def _duration_unit(written: str) -> str:
    unit = written.lower()
    return UNIT_NAMES.get(unit, unit)


def intervals_and_p(sentence: str) -> tuple[list[Interval], list[PValue]]:
    """The sentence's labelled intervals and p-values, p-values inside an interval dropped."""
    intervals = find_intervals(sentence)
    p_values = [p for p in find_p_values(sentence)
                if not any(i.start <= p.start < i.end for i in intervals)]
    return intervals, p_values
