"""Design, phase and population: a study's own sentences in, those fields out.

Only sentences that speak of this study count: the title, and sentences of the
objective, methods, results and conclusions that are not about a cited trial
(a background sentence, "A randomized phase III trial ... was recently
completed", "A multicenter randomized trial is recommended" are not evidence).
Publication types break a tie; they are never the whole answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.numbers import DIGITS, WORD_NUMBER, parse_number
from generator.extract.scope import ScopedSentence
from generator.model import Arm

DESIGN_CUES: tuple[tuple[str, re.Pattern], ...] = tuple((design, re.compile(p, re.IGNORECASE)) for design, p in (
    ("meta_analysis", r"meta-?\s?analy[sz](?:is|es|ed)"),
    ("systematic_review", r"systematic\s(?:literature\s)?review"),
    ("case_report", r"\bcase\sreport\b|\bwe\s(?:report|present|describe)\s(?:a|an|the)\s(?:rare\s|unusual\s|unique\s)?"
                    r"(?:case|patient)\b|\ba\s\d{1,3}-year-old\s(?:man|woman|male|female|boy|girl|patient)\b"),
    ("pooled_analysis", r"pooled\s(?:analysis|data)|combined\sanalysis|individual\spatient\sdata|(?:entered|enrolled|treated|"
                        r"included)\s(?:on|onto|in|into)\s(?:\w+\s){0,2}(?:clinical\s|prospective\s|consecutive\s)?trials\b"
                        r"|\bfrom\s(?:\w+\s){0,2}(?:clinical\s|prospective\s)?trials\b"),
    ("randomized_trial", r"(?<!non-)(?<!non)\brandomi[sz]ed\b|randomly\s(?:assigned|allocated)|\brandomi[sz]ation\b"),
    ("single_arm_trial", r"single[- ]arm|\bpilot\s(?:study|trial)|\bphase\s(?:I{1,2}|1|2|Ib|IIa|I/II|1/2)\b"
                         r"|open[- ]label|dose[- ]escalation|feasibility\s(?:study|trial)|\bprospective\s(?:\w+\s)?trial\b"),
    ("retrospective_cohort", r"retrospective(?:ly)?|\bwe\sreviewed\b|chart\sreview|medical\srecords|were\sreviewed"),
    ("prospective_cohort", r"prospective(?:ly)?\s(?:cohort|observational|study|registry|collected|followed|enrolled)"),
    ("case_series", r"case\sseries|consecutive\spatients|\bwe\s(?:report|describe|present)\s(?:\w+\s){0,2}(?:patients|cases)"),
))
PUBLICATION_TYPE_DESIGNS = (
    ("meta-analysis", "meta_analysis"), ("systematic review", "systematic_review"),
    ("randomized controlled trial", "randomized_trial"), ("case reports", "case_report"),
    ("clinical trial", "single_arm_trial"), ("observational study", "retrospective_cohort"),
)
PHASE_RE = re.compile(
    r"\bphase\s?(?P<a>IV|I{1,3}|[1-4])(?P<b>[abAB])?(?:\s?(?:/|-|–|and)\s?(?P<c>IV|I{1,3}|[1-4]))?(?![\w/])",
    re.IGNORECASE,
)
ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
# "Our previous study ..." / "is recommended": words that put a design out of this study.
NOT_THIS_STUDY_RE = re.compile(r"\b(?:previous|prior|future|recommended|warranted|needed|should\sbe|ongoing)\b",
                               re.IGNORECASE)
PEOPLE = r"(?:patients|participants|subjects|cases|women|men|children|adults|individuals|persons|people|volunteers)"
MODIFIERS = (r"(?:consecutive|eligible|evaluable|assessable|adult|evaluated|analy[sz]able|unselected|additional|"
             r"randomi[sz]ed|enrolled|previously\streated|untreated|elderly|Japanese|Chinese|Korean|European|American)")
N_PEOPLE_RE = re.compile(
    rf"(?P<num>{DIGITS}|{WORD_NUMBER})\s(?P<mods>(?:{MODIFIERS}\s){{0,3}}){PEOPLE}\b(?!\s?\(\d)",
    re.IGNORECASE,
)
N_EQUALS_RE = re.compile(r"[(\[,]\s?[Nn]\s?=\s?(?P<num>\d{1,6})\s?[)\],;]")
# "Forty-two patients were enrolled; 40 were evaluable": the analysed number stands without a noun.
WERE_ANALYZED_RE = re.compile(
    rf"(?P<num>{DIGITS}|{WORD_NUMBER})\s(?:patients\s)?were\s(?:evaluable|assessable|analy[sz]ed|evaluated)\b",
    re.IGNORECASE,
)
ANALYZED_RE = re.compile(r"assessable|evaluable|analy[sz]able|analy[sz]ed|evaluated|included\sin\sthe\sanalysis",
                         re.IGNORECASE)
ENROLLED_RE = re.compile(r"enrolled|randomi[sz]ed|randomly|assigned|entered|accrued|included|underwent|received|"
                         r"treated|recruited|conducted\sof|total\sof|among|registered|participated", re.IGNORECASE)
SUBSET_BEFORE_RE = re.compile(r"(?:\bof|\bin|\bthe|≥|>|<|≤|=|aged?|\bfor|\bwith)\s?$", re.IGNORECASE)


@dataclass(frozen=True)
class Population:
    """Who the study reports on."""

    n_total: int | None
    n_enrolled: int | None
    n_analyzed: int | None
    arms: tuple[Arm, ...]


def own_texts(title: str | None, sentences: tuple[ScopedSentence, ...]) -> list[str]:
    """The texts that speak of this study: the title and its own non-background sentences."""
    out = [title] if title else []
    for item in sentences:
        if item.scope != "study" or item.section.label == "background":
            continue
        if item.section.label == "conclusions" and not re.search(r"\b(?:this|our|present|we)\b", item.sentence.text,
                                                                 re.IGNORECASE):
            continue
        if NOT_THIS_STUDY_RE.search(item.sentence.text) and item.section.label != "methods":
            continue
        out.append(item.sentence.text)
    return out


def design_cues(texts: list[str]) -> frozenset[str]:
    """The designs this study's own sentences name."""
    joined = "\n".join(texts)
    found = {design for design, pattern in DESIGN_CUES if pattern.search(joined)}
    if "retrospective_cohort" in found and "prospective_cohort" in found:
        found.discard("prospective_cohort")  # "prospectively maintained database, retrospectively reviewed"
    return frozenset(found)


def read_design(found: frozenset[str], publication_types: tuple[str, ...], n_total: int | None) -> str:
    """The study's design from the cues its sentences name, with publication types as a tie-breaker."""
    for design, _ in DESIGN_CUES:
        if design in found:
            if design == "case_report" and n_total and n_total > 1:
                continue
            return design
    types = " ".join(publication_types).lower()
    for needle, design in PUBLICATION_TYPE_DESIGNS:
        if needle in types:
            return design
    return "case_series" if n_total and n_total > 1 else "other"


def read_phase(texts: list[str]) -> str | None:
    """The trial phase this study names for itself ("II", "I/II"), or None."""
    for text in texts:
        m = PHASE_RE.search(text)
        if m:
            first = ROMAN.get(m.group("a"), m.group("a").upper())
            if m.group("c"):
                return f"{first}/{ROMAN.get(m.group('c'), m.group('c').upper())}"
            return first
    return None


def read_population(sentences: tuple[ScopedSentence, ...], title: str | None,
                    arms: tuple[Arm, ...], case_report: bool) -> Population:
    """Total, enrolled and analysed N, with the arms (and their sizes) already read."""
    if case_report:
        return Population(1, 1, None, arms)
    enrolled = analyzed = first = None
    ordered = [s for s in sentences if s.scope == "study" and s.section.label in ("objective", "methods")]
    ordered += [s for s in sentences if s.scope == "study" and s.section.label in ("results", "other")]
    texts = [s.sentence.text for s in ordered] + ([title] if title else [])
    for text in texts:
        for m in N_PEOPLE_RE.finditer(text):
            if SUBSET_BEFORE_RE.search(text, max(0, m.start() - 8), m.start()) and not re.search(
                    r"(?:total\sof|analysis\sof|conducted\sof|study\sof|series\sof|cohort\sof|records\sof|charts\sof"
                    r"|(?:studies|trials)\swith)\s$",
                    text[max(0, m.start() - 14):m.start()], re.IGNORECASE):
                continue
            value = parse_number(m.group("num"))
            if value is None or value < 2 or value != int(value):
                continue
            n = int(value)
            clause = text[m.start():m.end() + 60]
            if ANALYZED_RE.search(m.group("mods")) and analyzed is None:
                analyzed = n
            elif ENROLLED_RE.search(text[max(0, m.start() - 40):m.end() + 40]) and enrolled is None:
                enrolled = n
            elif first is None and ANALYZED_RE.search(clause):
                analyzed = analyzed or n
            first = first or n
        if analyzed is None and (m := WERE_ANALYZED_RE.search(text)):
            analyzed = int(parse_number(m.group("num")))
        if enrolled or analyzed:
            break
    total = analyzed or enrolled or first
    arm_sum = sum(a.n for a in arms if a.n) if arms and all(a.n for a in arms) else None
    if total is None and arm_sum:
        total = arm_sum
    return Population(total, enrolled, analyzed, arms)
