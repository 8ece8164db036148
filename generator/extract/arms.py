"""The study's arms and every name the abstract gives each: its sentences in, ``StudyArms`` out.

Read before any number is attributed (issue #22). The arms come from the allocation
("randomly assigned to nivolumab (...) or dacarbazine (...)"), arm sizes ("with HAI
(n = 785)", "(CVD, n = 195; BCT, n = 200)", "156 patients were randomly assigned to
HD IV IL-2"), groups a study was divided into, and the title's "A versus B". Subgroups
that are compared but not allocated ("54 patients with mM and 46 patients with mRCC",
"(6 Y90, 10 PHP, 12 CE)") are kept apart from the arms. Each arm keeps every name the
abstract uses for it, the abbreviations it defines among them ("biochemotherapy
(BCT)"); a later mention ("the ipilimumab-dacarbazine group", "patients receiving
intravenous fluorouracil") is resolved to the arm whose own words it uses
(``StudyArms.resolve``), and the arm is shown by the name its results use most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from generator.extract.controls import CONTROL_NAME_RE
from generator.extract.numbers import DIGITS, WORD_NUMBER, parse_number
from generator.extract.scope import ScopedSentence
from generator.model import Arm

# A name is at most this many words.
NAME_WORDS = 8
NAME = rf"[A-Za-z0-9][\w+/.,-]{{0,30}}(?:\s[\w+/.,-]{{1,30}}){{0,{NAME_WORDS - 1}}}?"
# "(n = 785)", "(N = 51)", "(n = 1,583; P < .001)": a size right after a name.
ARM_N_RE = re.compile(r"\s?\([Nn]\s?=\s?(?P<n>\d{1,3}(?:,\d{3})?|\d{1,6})\s?[);,]")
NAME_BEFORE_RE = re.compile(rf"(?P<name>{NAME})$")
# "(IHP n = 46; BAC n = 47)", "(CVD, n = 195; BCT, n = 200)": names and sizes listed inside one bracket.
ARM_N_LIST_RE = re.compile(r"[(;,]\s?(?P<name>[A-Za-z][\w+/-]{0,30})\s?[:,]?\s[Nn]\s?=\s?(?P<n>\d{1,6})(?=\s?[;,)])")
# "156 patients were randomly assigned to HD IV IL-2, and 150 patients to LD IV IL-2".
ARM_SIZE_RE = re.compile(
    rf"(?P<n>{DIGITS})\s(?:patients\s|participants\s)?(?:were\s)?(?:(?:randomly\s)?(?:assigned|allocated|randomi[sz]ed)\s)?"
    r"(?:to|into|in)\s(?:the\s|receive\s)?(?P<name>[A-Za-z][\w+/-]{0,30}(?:\s[\w+/-]{1,30}){0,4}?)"
    r"(?=\s(?:arm|group)\b|\s?[,;.)]|\sand\s|$)"
)
SIZE_IN_BRACKET_RE = re.compile(r"\b[Nn]\s?=\s?(\d{1,6})")
# A count that is a result ("5 (6.5 %) patients"), then the bracket that breaks it down.
COUNT_BEFORE_BRACKET_RE = re.compile(rf"(?P<n>{DIGITS})\s?\(\d{{1,3}}(?:\.\d{{1,2}})?\s?%\)\s?(?:patients\s?)?\s?\($")
PEOPLE_TREATED_RE = re.compile(rf"^(?:(?:a\s)?total\sof\s)?{DIGITS}\s(?:\w+\s){{0,2}}?(?:patients|participants|subjects)\s"
                               r"(?:\w+\s)?(?:treated\swith|receiving|who\sreceived|undergoing|given)\s", re.IGNORECASE)
OPTIONS_OPEN_RE = re.compile(r"\b(?:with|of|including|such\sas|either)\s[^,;()]+,\s[^,;()]+$")
# "44 patients treated with lenvatinib and 88 with sorafenib": the groups a comparative cohort was treated as.
TREATED_SIZE_RE = re.compile(
    rf"(?P<n>{DIGITS})\s(?:(?:patients|participants)\s)?(?P<verb>(?:were\s)?(?:treated|managed)\s)?with\s"
    r"(?P<name>[A-Za-z][\w+/-]{0,30}(?:\s[\w+/-]{1,30}){0,3}?)(?=\s?[,;.)]|\sand\s|\s(?:alone|only)\b|$)")
TREATED_LIST_GAP_RE = re.compile(r"(?:\s(?:alone|only))?,?\s(?:and\s)?")
# In an allocation's part: the arm's size ("177Lu-Dotatate (116 patients)") and the label it is given
# ("(control group)").
PART_SIZE_RE = re.compile(rf"\((?P<n>{DIGITS})\s(?:patients|participants)\)")
PART_LABEL_RE = re.compile(r"[(\[](?P<label>[A-Za-z][\w+/.-]{1,30}(?:\s[\w+/.-]{1,30})?\s(?:group|arm|cohort))[)\]]")
TREATMENT_NAME = r"(?:[a-z]+\s)?[A-Z][A-Za-z0-9+/-]{1,12}"
COMPARING_RE = re.compile(rf"\bcompar(?:e|ed|ing)\s(?:the\s)?(?:[a-z]+\s){{0,3}}?(?:of\s|between\s)?(?P<a>{TREATMENT_NAME})"
                          rf"\s(?:and|with|versus|vs\.?|to)\s(?:conventional\s|standard\s)?(?P<b>{TREATMENT_NAME})\b")
VALUE_FOR_RE = re.compile(r"\d(?:\s?%|\s(?:months?|years?|weeks?|days?))\sfor\s(?P<name>[A-Z][A-Za-z0-9+/-]{1,15})"
                          r"(?=\s(?:and|versus|vs\.?|compared)\s|[,;.)]|$)")
# "randomly assigned (1:1) to receive either A or B", "divided into two groups: ...".
ALLOCATION_RE = re.compile(
    r"\b(?:(?:randomly\s|randomi[sz]ed\s)?(?:assigned|allocated)|randomi[sz]ed|divided)"
    # "We randomly assigned 502 patients with ..., in a 1:1 ratio, to ipilimumab ...": who, then to what;
    # never "a randomized clinical trial to evaluate ...".
    r"(?!\s(?:clinical|controlled|trial|study|phase|double|open|multicent|prospective|comparison)\b)"
    r"(?:\s(?!to\s|into\s)(?:(?!\btrials?\b|\bstud(?:y|ies)\b)[^.;]){1,200}?)??"
    r"(?:,?\s(?:\(\d:\d(?::\d)?\)|in\sa\s\d:\d(?::\d)?\sratio|\d:\d(?::\d)?|equally|randomly|centrally))*,?"
    r"\s(?:to|into|between)\s(?P<lead>(?:(?:receive|either|one\sof|the|treatment\swith|(?:two|three|four)\s"
    r"(?:treatment\s)?(?:groups|arms|cohorts)(?:\s?:)?)\s)*)",
    re.IGNORECASE,
)
# Where one arm of an allocation ends and the next begins (outside brackets).
ALLOCATION_SPLIT_RE = re.compile(r",?\s(?:or|versus|vs\.?|compared\swith)\s|;\s(?:or|and)\s", re.IGNORECASE)
GROUPS_SPLIT_RE = re.compile(r",?\s(?:and|or|versus|vs\.?)\s|,\s", re.IGNORECASE)
# "a third arm of low-dose daily subcutaneous IL-2 was added".
ARM_OF_RE = re.compile(r"\b(?:a|the)\s(?:second|third|fourth|new|further|additional)\sarm\sof\s(?P<name>[^,;.()]{2,60}?)"
                       r"(?=\s(?:was|were|is)\b|[,;.(]|$)", re.IGNORECASE)
# "One group of patients was treated with ... (combined therapy). The other group received ... (monotherapy)."
GROUP_LABEL_RE = re.compile(r"\b(?:one|the\sother|the\sfirst|the\ssecond|a\ssecond|another)\sgroup\b[^.]{0,200}?"
                            r"\((?P<name>[a-z][\w -]{2,30})\)\.?$", re.IGNORECASE)
# "Intra-arterial Floxuridine vs Systemic Fluorouracil for Hepatic Metastases ...".
TITLE_VS_RE = re.compile(
    r"(?:^|\bof\s|:\s)(?P<a>[A-Za-z0-9][^:;,()]{1,60}?)\s(?:versus|vs\.?|compared\swith)\s"
    r"(?P<b>[A-Za-z0-9][^:;,()]{1,60}?)(?=\s(?:for|in|as|after|among|on)\s|\s?[:;,(.]|$)",
    re.IGNORECASE,
)
# "54 patients with mM and 46 patients with mRCC": compared subgroups, two at least.
PEOPLE_WITH_RE = re.compile(
    rf"(?=[\dzotfsenZOTFSEN])(?P<n>{DIGITS}|{WORD_NUMBER})\s(?:patients\s|cases\s)?(?:with|having)\s"
    r"(?P<name>[A-Za-z][\w+/-]{0,30}(?:\s[\w+/-]{1,30}){0,3}?)(?=\s?[,;.)]|\sand\s|$)",
    re.IGNORECASE,
)
# "(6 Y90, 10 PHP, 12 CE)": subgroup sizes listed in one bracket.
SIZE_LIST_RE = re.compile(r"\((?P<items>\d{1,5}\s[A-Za-z][\w+/-]{0,20}(?:,\s\d{1,5}\s[A-Za-z][\w+/ -]{0,30}){1,6})\)")
SIZE_ITEM_RE = re.compile(r"(?P<n>\d{1,5})\s(?P<name>[A-Za-z][\w+/ -]{0,30})")
# What comes after an arm's name in an allocation: its dose, schedule and route.
# A dose inside an arm's name ("IL-2 0.8 mg/m2 and IFN 3 × 106 U/m2"): not part of the name.
NAME_DOSE_RE = re.compile(
    r"\s?(?:[≤≥~∼]\s?)?\d[\d.,]*\s?(?:[×x]\s?10\S*\s?)?(?:mg|g|µg|μg|mcg|IU|MIU|U|units?|Gy|GBq|mCi|mL)"
    r"(?:/(?:m2|m²|kg|day|d|dose|week))?(?:\sper\s(?:kilogram|square\smeter)(?:\sof\sbody[\w\s-]*?area)?)?\b",
    re.IGNORECASE,
)
# What follows an arm's name in an allocation: its schedule and route.
NAME_TAIL_RE = re.compile(
    r"\s(?:daily|weekly)$|\s(?:for|every|at\sa\sdose|at\sweeks?|on\sdays?|given|administered|twice|once|until|during"
    r"|over|by|q\d+w?|intravenously|orally|subcutaneously|followed|in\s(?:a|each)|who|which|that)\b.*$",
    re.IGNORECASE,
)
NAME_LEAD_RE = re.compile(
    r"^(?:.*\b(?:to|in|on|among|for)\s)?(?:(?:the|a|an|either|both|receive|receiving|patients|participants|those"
    r"|subjects|who|were|was|treated|treatment|given|had|having|underwent|undergoing|assigned|randomi[sz]ed|with"
    r"|received|(?:groups?|arm|cohort)(?!\s(?:[A-E]|[1-6])\b)"
    r"|on|protocols?|of)\s)*",
    re.IGNORECASE,
)
NAME_TRAIL_RE = re.compile(r"(?:\s(?:arms?|groups?|cohorts?|patients))?(?:\s(?:randomly|equally))?$", re.IGNORECASE)
LEADING_NUMBER_RE = re.compile(rf"^(?:{DIGITS}|{WORD_NUMBER})\s?(?:%|months?|years?|weeks?|days?|patients)?\s",
                               re.IGNORECASE)
WITHOUT_RE = re.compile(r"^(?:without|no|not\sreceiving|did\snot\sreceive)\s", re.IGNORECASE)
BRACKETS_RE = re.compile(r"\s?[(\[][^()\[\]]*[)\]]")
FOLD_RE = re.compile(r"[\s\u2010-\u2015-]+")
TOKEN_SPLIT_RE = re.compile(r"[\s/+,()\[\]:;]+")
# Words that name no arm in particular.
STOP_TOKENS = frozenset({
    "the", "a", "an", "of", "with", "and", "plus", "or", "to", "in", "on", "for", "by", "patients", "group",
    "groups", "arm", "arms", "cohort", "treated", "receiving", "received", "given", "therapy", "treatment",
    "regimen", "same", "dose", "doses", "those", "who", "both", "either", "each",
})
COMBINATION_RE = re.compile(r"\bcombin(?:ation|ed)\b", re.IGNORECASE)
COMBINED_NAME_RE = re.compile(r"\splus\s|\s?\+\s?|\sand\s|\swith\s|/", re.IGNORECASE)
CONTROL_RE = re.compile(r"\bcontrol\b", re.IGNORECASE)
# An abbreviation-like name: "HD", "BCT", "FOLFOX4", "5-FU/LV".
SHORT_NAME_RE = re.compile(r"(?=[^a-z]*[A-Z])[A-Za-z0-9][\w+/-]{1,9}")
MAX_NAME = 60
LONG_NAME_CUT_RE = re.compile(r",\s|\s(?:with\san?|using|via|through|by\smeans\sof|delivered|consisting)\s",
                              re.IGNORECASE)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """A name as compared: lower case, hyphens and runs of space as one space, no leading article (kept: the
    same names are folded again and again, in every sentence that may mention them)."""
    folded = FOLD_RE.sub(" ", text.casefold()).strip()
    return folded[4:] if folded.startswith("the ") else folded


def tokens(name: str) -> frozenset[str]:
    """The words of a name that can tell one arm from another."""
    return frozenset(t for t in TOKEN_SPLIT_RE.split(fold(name)) if t and t not in STOP_TOKENS)


@lru_cache(maxsize=4096)
def clean_name(text: str) -> str | None:
    """The name of an arm or group as a phrase gives it: "patients treated with IL-2 alone" -> "IL-2 alone",
    "44 months without HAI" -> "no HAI"; None when nothing of a name is left."""
    name = " ".join(NAME_DOSE_RE.sub("", without_brackets(text) if "(" in text else text).split()).strip(" ,;:.")
    name = NAME_TAIL_RE.sub("", LEADING_NUMBER_RE.sub("", name)).strip(" ,;:.")
    negated = False
    for _ in range(3):
        name = NAME_LEAD_RE.sub("", name).strip()
        if WITHOUT_RE.match(name):
            negated, name = True, WITHOUT_RE.sub("", name)
    name = NAME_TRAIL_RE.sub("", name).strip(" ,;:.")
    if len(name) > MAX_NAME:
        # "hepatic arterial chemotherapy with an implanted infusion pump": the treatment, not how it is given.
        name = LONG_NAME_CUT_RE.split(name, maxsplit=1)[0].strip(" ,;:.")
    if not name or len(name) > MAX_NAME or not re.search(r"[A-Za-z]", name) or fold(name) in STOP_TOKENS:
        return None
    return f"no {name}" if negated else name


def split_outside_brackets(text: str, separator: re.Pattern) -> list[tuple[int, int]]:
    """The spans of ``text`` between the ``separator`` matches that lie outside brackets."""
    depth, spans, begin = 0, [], 0
    cuts = []
    for m in separator.finditer(text):
        depth = sum(1 if c in "([" else -1 if c in ")]" else 0 for c in text[:m.start()])
        if depth == 0:
            cuts.append(m)
    for m in cuts:
        spans.append((begin, m.start()))
        begin = m.end()
    spans.append((begin, len(text)))
    return spans


def find_abbreviations(text: str) -> list[tuple[str, str]]:
    """The abbreviations ``text`` defines, as (short, long): "biochemotherapy (BCT)", "high-dose [HD]"."""
    found = []
    for m in re.finditer(r"[(\[](?P<short>[A-Za-z0-9][\w+/.-]{0,11})(?=[)\];,])", text):
        short = m.group("short")
        if not re.search(r"[A-Za-z]", short) or short.isdigit() or len(short) < 2:
            continue
        before = text[max(0, m.start() - 120):m.start()].rstrip()
        words = before.split()[-min(len(short) + 5, 2 * len(short)):]
        long = best_long_form(short, " ".join(words))
        if long and fold(long) != fold(short):
            found.append((short, long))
    return found


def best_long_form(short: str, candidate: str) -> str | None:
    """Schwartz and Hearst's long form of ``short`` at the end of ``candidate``, or None."""
    s, i = len(short) - 1, len(candidate) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (candidate[i].lower() != c or (s == 0 and i > 0 and candidate[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = candidate.rfind(" ", 0, i + 1) + 1
    long = candidate[start:].strip(" ,;:([")
    if len(long) <= len(short) or len(long.split()) > 8 or NAME_DOSE_RE.search(long):
        return None
    return long


@dataclass
class _Arm:
    """An arm while the abstract is read: every name found for it, its size, how sure the source is."""

    names: list[str]
    n: int | None
    rank: int
    uses: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Segment:
    """The part of an allocation sentence that describes one arm (its doses belong to it)."""

    sentence: str
    start: int
    end: int
    arm: str


@dataclass(frozen=True)
class StudyArms:
    """The arms a study compares (or, without arms, the subgroups it compares), each by every name it has."""

    arms: tuple[Arm, ...] = ()
    names: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (shown name, every folded name)
    segments: tuple[Segment, ...] = ()
    subgroups: bool = False
    allocated: bool = False  # the arms were allocated (randomised): a group phrase naming none is a subgroup
    counted: tuple[tuple[str, int], ...] = ()  # groups the abstract counts: ("subgroups", 4), ("cases", 2)

    @property
    def shown(self) -> list[str]:
        """The arms' names as shown, in the order the abstract gave them."""
        return [name for name, _ in self.names]

    def resolve(self, phrase: str) -> str | None:
        """The arm a phrase names ("the ipilimumab-dacarbazine group" -> "ipilimumab plus dacarbazine"), or None."""
        name = clean_name(phrase)
        if name is None or not self.names:
            return None
        key = fold(name)
        for shown, names in self.names:
            if key in names:
                return shown
        negated = key.startswith("no ")
        pool = [(shown, names) for shown, names in self.names if any(n.startswith("no ") for n in names) == negated]
        words = tokens(key[3:] if negated else key)
        if not words:
            return None
        if negated and len(pool) == 1 and words <= _words(pool[0][1]):
            return pool[0][0]
        # One arm's own words and none of another's: "patients receiving intravenous fluorouracil".
        hits = [shown for shown, names in pool if words & self._distinctive(shown)]
        if len(hits) == 1:
            return hits[0]
        if COMBINATION_RE.search(phrase):
            combined = [shown for shown, names in self.names
                        if any(COMBINED_NAME_RE.search(n) and "placebo" not in n for n in names)]
            return combined[0] if len(combined) == 1 else None
        if CONTROL_RE.search(phrase):
            control = [shown for shown, names in self.names if any(CONTROL_NAME_RE.search(n) for n in names)]
            return control[0] if len(control) == 1 else None
        return None

    def _distinctive(self, shown: str) -> frozenset[str]:
        mine = _words(dict(self.names)[shown])
        others = frozenset().union(*(_words(names) for name, names in self.names if name != shown))
        return mine - others

    def _all_words(self) -> frozenset[str]:
        return frozenset().union(*(_words(names) for _, names in self.names))


def _words(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(tokens(n) for n in names))


def _same_arm(a: _Arm, b: _Arm, abbreviations: dict[str, str]) -> bool:
    """Whether two arms found apart are one: the same name, an abbreviation and its long form, or one name
    whose words are all of the other's ("HD" and "HD IV IL-2")."""
    fa = {fold(n) for n in a.names}
    fb = {fold(n) for n in b.names}
    if fa & fb:
        return True
    for x in fa:
        for y in fb:
            if abbreviations.get(x) == y or abbreviations.get(y) == x:
                return True
    ta = frozenset().union(*(tokens(n) for n in a.names))
    tb = frozenset().union(*(tokens(n) for n in b.names))
    negated_a = any(n.startswith("no ") for n in fa)
    negated_b = any(n.startswith("no ") for n in fb)
    if negated_a != negated_b:
        return False
    # "HD" and "HD IV IL-2": a short name that is a word of the other's.
    shorts_a = {n for n in a.names if SHORT_NAME_RE.fullmatch(n)}
    shorts_b = {n for n in b.names if SHORT_NAME_RE.fullmatch(n)}
    if any(fold(x) in tb for x in shorts_a) or any(fold(x) in ta for x in shorts_b):
        return True
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


class _Collector:
    """Arms offered by the patterns of each sentence, merged as they come."""

    def __init__(self, abbreviations: dict[str, str]) -> None:
        self.abbreviations = abbreviations
        self.arms: list[_Arm] = []
        self.groups: list[_Arm] = []
        self.segments: list[tuple[str, int, int, _Arm]] = []

    def offer(self, phrase: str, n: int | None, rank: int, into: list[_Arm] | None = None) -> _Arm | None:
        name = clean_name(phrase)
        if name is None:
            return None
        pool = self.arms if into is None else into
        new = _Arm([name], n, rank)
        for arm in pool:
            if _same_arm(arm, new, self.abbreviations):
                if name not in arm.names:
                    arm.names.append(name)
                if arm.n is None or (n is not None and rank < arm.rank):
                    arm.n = n if n is not None else arm.n
                arm.rank = min(arm.rank, rank)
                return arm
        pool.append(new)
        return new


def _allocation(text: str, collector: _Collector) -> bool:
    """Offer the arms an allocation names, with the part of the sentence each one's doses are in; whether one did."""
    done = False
    for m in ALLOCATION_RE.finditer(text):
        rest = text[m.end():]
        end = rest.find(". ")
        rest = rest[:end if end >= 0 else len(rest)].rstrip(".")
        # "randomized between A and B": "between" joins the arms with "and".
        separator = GROUPS_SPLIT_RE if re.search(r"groups|arms|cohorts|divided|between\s$", m.group(0), re.I) \
            else ALLOCATION_SPLIT_RE
        spans = _options_joined(rest, split_outside_brackets(rest, separator))
        if len(spans) < 2:
            continue
        offered = []
        for start, stop in spans:
            part = rest[start:stop]
            named = _part_names(part)
            if not named:
                offered = []
                break
            offered.append((named, m.end() + start, m.end() + stop))
        for named, start, stop in offered:
            arm = None
            size = PART_SIZE_RE.search(text, start, stop)
            n = int(parse_number(size.group("n")) or 0) or None if size else None
            for name in named:
                arm = collector.offer(name, n, 1) if arm is None else arm
                if arm is not None and clean_name(name) and clean_name(name) not in arm.names:
                    arm.names.append(clean_name(name))
            if arm is not None:
                collector.segments.append((text, start, stop, arm))
                done = done or not m.group(0).lower().startswith("divided")
    return done


def _options_joined(rest: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "tebentafusp or the investigator's choice of therapy with pembrolizumab, ipilimumab, or dacarbazine": the
    "or" that closes a list of options within one arm does not start another arm."""
    out: list[tuple[int, int]] = []
    for start, stop in spans:
        if out and "," in rest[out[-1][0]:out[-1][1]] and OPTIONS_OPEN_RE.search(rest, max(out[-1][0], out[-1][1] - 120),
                                                                               out[-1][1]):
            out[-1] = (out[-1][0], stop)
        else:
            out.append((start, stop))
    return out


def _part_names(part: str) -> list[str]:
    """The names one allocation part gives its arm: the abbreviation in its brackets, then the words outside."""
    bracketed = re.findall(r"[(\[]([A-Za-z][\w+/.-]{1,15})[)\]]\s*$", part.strip(" ,;"))
    if bracketed:
        return bracketed  # "... for 4 doses (PEM200+IPI50)": the name the abstract gives the arm
    shorts = [s for s, _ in find_abbreviations(NAME_TAIL_RE.sub("", part))]
    plain = NAME_TAIL_RE.sub("", NAME_DOSE_RE.sub("", without_brackets(part))).strip()
    # "... every 4 weeks (control group)": the label the results call the arm by.
    labels = [m.group("label") for m in PART_LABEL_RE.finditer(part)]
    return shorts + ([plain] if plain and clean_name(plain) else []) + labels


def without_brackets(text: str) -> str:
    """``text`` with every bracketed part taken out, nested ones too."""
    while True:
        shorter = BRACKETS_RE.sub("", text)
        if shorter == text:
            return text
        text = shorter


def _breakdowns(text: str) -> list[tuple[int, int]]:
    """ "5 (6.5 %) patients (neuroendocrine cancer, n = 2; CRC, n = 2; NSCLC, n = 1)": the brackets whose sizes
    add up to the result counted right before them, which say who those are, not which arms the study has."""
    spans = []
    for bracket in BRACKETS_RE.finditer(text):
        opening = text.index("(", bracket.start()) if "(" in bracket.group() else bracket.start()
        before = COUNT_BEFORE_BRACKET_RE.search(text, max(0, opening - 40), opening + 1)
        sizes = [int(n) for n in SIZE_IN_BRACKET_RE.findall(bracket.group())]
        if before and len(sizes) >= 2 and parse_number(before.group("n")) == sum(sizes):
            spans.append(bracket.span())
    return spans


def _treated_groups(text: str) -> list[re.Match]:
    """ "44 patients treated with A and 88 with B": two or more groups listed after one "treated with" (a list
    of "N patients with X" alone names subgroups, not arms)."""
    found = list(TREATED_SIZE_RE.finditer(text))
    for i, first in enumerate(found):
        if not first.group("verb"):
            continue
        run = [first]
        for m in found[i + 1:]:
            if not TREATED_LIST_GAP_RE.fullmatch(text, run[-1].end(), m.start()):
                break
            run.append(m)
        if len(run) >= 2:
            return run
    return []


def _words_before(text: str, end: int, count: int, start: int) -> int:
    """Where the last ``count`` words of ``text[start:end]`` begin at the earliest: after the ``count``-th space
    from its end (at ``start`` when it has fewer)."""
    for _ in range(count):
        end = text.rfind(" ", start, end)
        if end < 0:
            return start
    return end + 1


def read_arms(title: str | None, sentences: tuple[ScopedSentence, ...]) -> StudyArms:
    """The arms (or compared subgroups) of a study, each with every name it is given."""
    everything = " ".join(s.sentence.text for s in sentences)
    abbreviations = {}
    for short, long in find_abbreviations(((title or "") + " " + everything)):
        abbreviations.setdefault(fold(short), fold(long))
        abbreviations.setdefault(fold(long), fold(short))
    collector = _Collector(abbreviations)
    own = [s for s in sentences if s.scope == "study" and s.section.label != "background"]
    allocated = False
    for item in own:
        text = item.sentence.text
        lower = text.lower()
        if ("assign" in lower or "allocat" in lower or "randomi" in lower or "divided" in lower) and \
                ALLOCATION_RE.search(text):
            allocated |= _allocation(text, collector)
        if "n =" in text or "n=" in text or "N =" in text or "N=" in text:
            spans = _breakdowns(text)
            listed = [m for m in ARM_N_LIST_RE.finditer(text) if not any(a <= m.start() < b for a, b in spans)]
            for m in listed if len(listed) >= 2 else ():
                collector.offer(m.group("name"), int(m.group("n")), 0)
            # Two sizes in one sentence compare arms; one alone is a subgroup ("For patients who ... (n = 1,442)").
            sized = [m for m in ARM_N_RE.finditer(text)
                     if len(listed) < 2 or not any(x.start() <= m.start("n") < x.end() for x in listed)]
            for m in sized if len(sized) >= 2 else ():
                # The name is the words right before the size: tried only where its first word can start.
                named = NAME_BEFORE_RE.search(text, _words_before(text, m.start(), NAME_WORDS, max(0, m.start() - 250)),
                                              m.start())
                if named:
                    collector.offer(_after_last_separator(named.group("name")), int(m.group("n").replace(",", "")), 0)
        if "assigned" in lower or "allocated" in lower or "randomi" in lower:
            sized = list(ARM_SIZE_RE.finditer(text))
            for m in sized if len(sized) >= 2 else ():
                value = parse_number(m.group("n"))
                collector.offer(m.group("name"), int(value) if value else None, 0)
        if "treated with" in lower or "managed with" in lower:
            for m in _treated_groups(text):
                collector.offer(m.group("name"), int(parse_number(m.group("n")) or 0) or None, 0)
        for m in (ARM_OF_RE.finditer(text) if " arm of " in lower else ()):
            collector.offer(m.group("name"), None, 1)
        for m in (GROUP_LABEL_RE.finditer(text) if "group" in lower else ()):
            collector.offer(m.group("name"), None, 1)
    titled = [m for m in TITLE_VS_RE.finditer(title or "")][:1]
    for m in titled:
        _title_arms(m.group("a"), m.group("b"), collector)
    arms = [a for a in collector.arms if a.rank < 2] if sum(a.rank < 2 for a in collector.arms) >= 2 else collector.arms
    subgroups = False
    if len(arms) < 2:
        arms = _subgroups(own, collector)
        subgroups = True
    if len(arms) < 2:
        return StudyArms(counted=_counted(everything))
    _add_long_forms(arms, abbreviations, everything)
    names = tuple((_shown(a, everything), tuple(dict.fromkeys(fold(n) for n in a.names))) for a in arms)
    shown = {id(a): name for a, (name, _) in zip(arms, names)}
    segments = tuple(Segment(text, start, stop, shown[id(arm)]) for text, start, stop, arm in collector.segments
                     if id(arm) in shown)
    return StudyArms(tuple(Arm(name, a.n) for a, (name, _) in zip(arms, names)), names, segments, subgroups,
                     allocated and not subgroups, _counted(everything))


def _title_arms(a: str, b: str, collector: _Collector) -> None:
    """The title's "A versus B": its names join the allocation's arms they share words with, in order; with no
    allocation read, they are the arms."""
    found = [x for x in collector.arms if x.rank < 2]
    offered = [_Arm([n], None, 2) for n in (clean_name(a), clean_name(b)) if n]
    if len(offered) != 2:
        return
    if len(found) == 2:
        words = [frozenset().union(*(tokens(n) for n in x.names)) for x in found]
        title_words = [tokens(x.names[0]) for x in offered]
        if all(title_words[i] & words[i] and not title_words[i] & words[1 - i] for i in (0, 1)):
            for arm, extra in zip(found, offered):
                arm.names.extend(n for n in extra.names if n not in arm.names)
            return
    if len(found) < 2:
        for arm in offered:
            collector.offer(arm.names[0], None, 2)


COUNTED_RE = re.compile(rf"\b(?P<n>{DIGITS}|{WORD_NUMBER})\s(?:(?:risk|prognostic|treatment|patient)\s)?"
                        r"(?P<noun>subgroups|groups|cases|cohorts|categories|arms)\b", re.IGNORECASE)


def _counted(text: str) -> tuple[tuple[str, int], ...]:
    """The groups an abstract counts ("classified into 4 subgroups", "two cases"): noun and number."""
    found = {}
    lower = text.lower()
    hinted = any(noun in lower for noun in ("groups", "cases", "cohorts", "categories", "arms"))
    for m in (COUNTED_RE.finditer(text) if hinted else ()):
        value = parse_number(m.group("n"))
        if value and 2 <= value <= 12:
            found.setdefault(m.group("noun").lower(), int(value))
    return tuple(found.items())


def _after_last_separator(name: str) -> str:
    # "randomly assigned to chemotherapy (n = 61)": the name follows the last word that introduces it.
    parts = re.split(r"(?:^|\s)(?:to|or|and|versus|vs\.?|in|on|for|among)\s|:\s|;\s", name)
    # "A total of 138 patients initially treated with TARE (n = 54)": the treatment, not who had it.
    return PEOPLE_TREATED_RE.sub("", parts[-1])


def _subgroups(own: list[ScopedSentence], collector: _Collector) -> list[_Arm]:
    groups: list[_Arm] = []
    for item in own:
        text = item.sentence.text
        listed = list(PEOPLE_WITH_RE.finditer(text)) if " with " in text or " having " in text else []
        if len(listed) >= 2:
            for m in listed:
                value = parse_number(m.group("n"))
                collector.offer(m.group("name"), int(value) if value else None, 0, groups)
        for m in (SIZE_LIST_RE.finditer(text) if "(" in text else ()):
            for item_m in SIZE_ITEM_RE.finditer(m.group("items")):
                collector.offer(item_m.group("name"), int(item_m.group("n")), 0, groups)
        # "Studies comparing RFA and ablative RT", "compared the effectiveness of TARE and conventional TACE":
        # the two treatments a study without an allocation compares.
        for m in (COMPARING_RE.finditer(text) if "ompar" in text else ()):
            collector.offer(m.group("a"), None, 1, groups)
            collector.offer(m.group("b"), None, 1, groups)
        # "The median OS was 17.1 months for IHP and 17.3 months for PHP": values given for two named groups.
        named = list(dict.fromkeys(m.group("name") for m in VALUE_FOR_RE.finditer(text))) if " for " in text else []
        for name in named if len(named) >= 2 else ():
            collector.offer(name, None, 0, groups)
    return groups


def _add_long_forms(arms: list[_Arm], abbreviations: dict[str, str], text: str) -> None:
    """Each arm's names with their long forms, and the drug named right before an arm's abbreviation
    ("with the addition of oxaliplatin (FOLFOX4)")."""
    for arm in arms:
        for name in list(arm.names):
            other = abbreviations.get(fold(name))
            if other and other not in (fold(n) for n in arm.names):
                arm.names.append(other)
            if SHORT_NAME_RE.fullmatch(name) and not other:
                m = re.search(rf"\b(?P<word>[a-z][a-z-]{{4,30}})\s\({re.escape(name)}\)", text)
                if m and m.group("word") not in STOP_TOKENS and fold(m.group("word")) not in (fold(n) for n in arm.names):
                    arm.names.append(m.group("word"))


def _shown(arm: _Arm, text: str) -> str:
    """The name to show an arm by: the one the abstract uses most, the shorter on a tie."""
    folded = fold(text)
    counts = {name: _word_count(folded, fold(name)) for name in arm.names}
    return min(arm.names, key=lambda n: (-counts[n], len(n)))


def _word_count(text: str, words: str) -> int:
    """How often ``words`` stand in ``text`` as words of their own (no word character either side), as
    ``re.findall`` would count them: looked up, not compiled into a pattern for each name."""
    count, at = 0, text.find(words) if words else -1
    while at >= 0:
        end = at + len(words)
        if not (_word_char(text, at - 1) or _word_char(text, end)):
            count += 1
            at = text.find(words, end)
        else:
            at = text.find(words, at + 1)
    return count


def _word_char(text: str, at: int) -> bool:
    """Whether ``text[at]`` is a word character (``\\w``); none is outside the text."""
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


def arms_of_findings(findings) -> tuple[Arm, ...]:
    """Without an allocation to read, the arms the findings were given, two at least (a count's
    denominator is its arm's size: "39 of 60 (65.0%) in the combined modality arm")."""
    sizes: dict[str, int | None] = {}
    for f in findings:
        if f.arm and f.scope == "study":
            if sizes.get(f.arm) is None:
                sizes[f.arm] = f.denominator
    return tuple(Arm(name, n) for name, n in sizes.items()) if len(sizes) >= 2 else ()
