"""Design and phase: a study's own sentences in, those fields out.

Only sentences that speak of this study count: the title, and sentences of the
objective, methods, results and conclusions that are not about a cited trial
(a background sentence, "A randomized phase III trial ... was recently
completed", "A multicenter randomized trial is recommended", "meta-analyses and
one phase III trial have suggested a benefit" are not evidence). A background
sentence counts when it names this study ("We conducted a phase 3 study", "This
multicenter phase II trial was conducted"). A design named in the plural
("stratify patients in randomized clinical trials", "phase 1 and phase 2 studies")
is the literature's, never this study's. Publication types break a tie; they are
never the whole answer.
"""

from __future__ import annotations

import re

from generator.extract.scope import ScopedSentence

# "randomized trials", "randomized controlled trials": the literature, not this study.
NOT_PLURAL = r"(?!\s(?:[\w-]+\s){0,2}(?:trials|studies)\b)"
# Each design's wording; a look-ahead of the letters its words start with keeps it from being tried elsewhere.
DESIGN_CUES: tuple[tuple[str, re.Pattern], ...] = tuple((design, re.compile(p, re.IGNORECASE)) for design, p in (
    # "We identified RCTs ...", "Sixteen RCTs (...) enrolling 3,500 patients were included": trials pooled.
    ("meta_analysis", r"(?=[mirs])(?:meta-?\s?analy[sz](?:is|es|ed)|\b(?:identified|included|selected)\s(?:\d+\s|all\s)?"
                      r"(?:RCTs|randomi[sz]ed\s(?:controlled\s|clinical\s)?trials)\b"
                      r"|\b(?:RCTs|randomi[sz]ed\s(?:controlled\s|clinical\s)?trials)\b[^.;]{0,80}?\b(?:were|was)\s"
                      r"(?:\w+\s)?(?:included|identified|pooled|selected)\b)"),
    ("systematic_review", r"systematic\s(?:literature\s)?review"),
    ("case_report", r"(?=[cwa])(?:\bcase\sreport\b(?!\sforms?\b)|\bwe\s(?:report|present|describe)\s(?:a|an|the)\s"
                    r"(?:rare\s|unusual\s|unique\s)?(?:case|patient)\b"
                    r"|\ba\s\d{1,3}-year-old\s(?:man|woman|male|female|boy|girl|patient)\b)"),
    ("pooled_analysis", r"(?=[pcietf])(?:pooled\s(?:analysis|data)|combined\sanalysis|individual\spatient\sdata"
                        r"|(?:entered|enrolled|treated|"
                        r"included)\s(?:on|onto|in|into)\s(?:\w+\s){0,2}(?:clinical\s|prospective\s|consecutive\s)?trials\b"
                        r"|\bfrom\s(?:\w+\s){0,2}(?:clinical\s|prospective\s)?trials\b)"),
    ("randomized_trial", rf"(?=[rad])(?:(?<!non-)(?<!non)\brandomi[sz]ed\b{NOT_PLURAL}|\brandomi[sz]ation\b"
                         r"|\brandomly\s(?:\w+\s)?(?:assigned|allocated|divided|distributed|stratified)"
                         r"|\b(?:assigned|allocated|divided|distributed)\b[^.;]{0,80}?\brandomly\b)"),
    ("single_arm_trial", rf"(?=[spodf])(?:single[- ]arm|\bpilot\s(?:study|trial)"
                         rf"|(?<!\d\s)\bphase[\s-](?:I{{1,2}}|1|2|Ib|IIa|I/II|1/2)\b{NOT_PLURAL}|open[- ]label"
                         r"|dose[- ]escalation|feasibility\s(?:study|trial)|\bprospective\s(?:\w+\s)?trial\b)"),
    ("retrospective_cohort", r"(?=[rwcm])(?:retrospective(?:ly)?|\bwe\sreviewed\b|chart\sreview|medical\srecords"
                             r"|were\sreviewed)"),
    ("prospective_cohort", r"prospective(?:ly)?\s(?:cohort|observational|study|registry|collected|followed|enrolled)"),
    ("case_series", r"(?=[cw])(?:case\sseries|consecutive\spatients"
                    r"|\bwe\s(?:report|describe|present)\s(?:\w+\s){0,2}(?:patients|cases))"),
))
# A cue's pattern is tried only where its words occur (found first in the lowered text, spaces made single).
CUE_WORDS = {
    "meta_analysis": ("meta-", "meta ", "metaanaly", "rct", "randomi"), "systematic_review": ("systematic",),
    "case_report": ("case report", "we report", "we present", "we describe", "year-old"),
    "pooled_analysis": ("pooled", "combined analysis", "individual patient", "trials"), "randomized_trial": ("random",),
    "single_arm_trial": ("single", "pilot", "phase", "open-label", "open label", "escalation", "feasibility",
                         "prospective"),
    "retrospective_cohort": ("retrospective", "we reviewed", "chart review", "medical records", "were reviewed"),
    "prospective_cohort": ("prospective",),
    "case_series": ("case series", "consecutive", "we report", "we describe", "we present"),
}
PUBLICATION_TYPE_DESIGNS = (
    ("meta-analysis", "meta_analysis"), ("systematic review", "systematic_review"),
    ("randomized controlled trial", "randomized_trial"), ("case reports", "case_report"),
    ("clinical trial", "single_arm_trial"), ("observational study", "retrospective_cohort"),
)
PHASE_RE = re.compile(
    r"\bphase[\s‐-]?(?P<a>IV|I{1,3}|[1-4])(?P<b>[abAB])?(?:\s?(?:/|-|–|and)\s?(?P<c>IV|I{1,3}|[1-4]))?(?![\w/])",
    re.IGNORECASE,
)
# "phase 1 and phase 2 studies", "phase II trials", "(9 phase III and 7 phase II)": other studies' phases.
PLURAL_AFTER_PHASE_RE = re.compile(r"(?:\s?(?:,|and|or)\s?(?:phase[\s-]?)?(?:IV|I{1,3}|[1-4])[abAB]?)*"
                                   r"(?:\s[\w-]+){0,2}?\s(?:trials|studies)\b", re.IGNORECASE)
ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
# "Our previous study ..." / "is recommended": words that put a design out of this study.
NOT_THIS_STUDY_RE = re.compile(r"(?=[pfrwnso])\b(?:previous|prior|future|recommended|warranted|needed|should\sbe"
                               r"|ongoing)\b",
                               re.IGNORECASE)
# "meta-analyses and one phase III trial have suggested a survival benefit", "has not been tested",
# "A randomized trial showed a benefit of ...": others' studies and what they found.
OTHERS_FOUND_RE = re.compile(r"(?=[htsm])(?:\b(?:have|has)\s(?:\w+\s)?(?:been\s)?(?:\w+\s)?"
                             r"(?:shown|suggested|demonstrated|reported|"
                             r"found|proven|established|compared|investigated|evaluated|tested|performed|conducted|"
                             r"described|published|used)\b"
                             r"|\b(?:trials?|stud(?:y|ies)|meta-analys[ie]s)\b[^.;]{0,120}?\b(?:showed|demonstrated|"
                             r"suggested|established|proved|confirmed|revealed)\b)", re.IGNORECASE)
SELF_RE = re.compile(r"\b(?:we|our)\b|\b(?:this|the\spresent|the\scurrent)\s(?:[\w-]+\s){0,3}?(?:study|trial|analysis|"
                     r"report|review|series|cohort|experience|meta-analysis)\b", re.IGNORECASE)


def speaks_of_this_study(text: str) -> bool:
    """A sentence that names this study and cites no other ("We conducted a phase 3 study")."""
    return SELF_RE.search(text) is not None and NOT_THIS_STUDY_RE.search(text) is None


def own_background(sentences: tuple[ScopedSentence, ...]) -> tuple[ScopedSentence, ...]:
    """The background sentences that speak of this study, not the literature."""
    return tuple(s for s in sentences if s.section.label == "background" and speaks_of_this_study(s.sentence.text))


def own_texts(title: str | None, sentences: tuple[ScopedSentence, ...]) -> list[str]:
    """The texts that speak of this study: the title, its own background sentences and its own other sentences."""
    out = [title] if title else []
    for item in sentences:
        text = item.sentence.text
        if item.section.label == "background":
            if speaks_of_this_study(text):
                out.append(text)
            continue
        if item.scope != "study":
            continue
        if item.section.label == "conclusions" and not re.search(r"\b(?:this|our|present|we)\b", text, re.IGNORECASE):
            continue
        if NOT_THIS_STUDY_RE.search(text) and item.section.label != "methods":
            continue
        if OTHERS_FOUND_RE.search(text) and not SELF_RE.search(text):
            continue
        out.append(text)
    return out


def design_cues(texts: list[str]) -> frozenset[str]:
    """The designs this study's own sentences name."""
    joined = "\n".join(texts)
    lowered = " ".join(joined.split()).lower()
    found = {design for design, pattern in DESIGN_CUES
             if any(word in lowered for word in CUE_WORDS[design]) and pattern.search(joined)}
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


def read_phase(texts: list[str], pooled: bool = False) -> str | None:
    """The trial phase this study names for itself ("II", "I/II"), or None; a pooled analysis
    has the phase of the trials it pools ("Pooled analysis of three phase II trials")."""
    for text in texts:
        for m in PHASE_RE.finditer(text):
            if not pooled and (PLURAL_AFTER_PHASE_RE.match(text, m.end()) or re.search(r"\d\s$", text[:m.start()])):
                continue
            first = ROMAN.get(m.group("a"), m.group("a").upper())
            if m.group("c"):
                return f"{first}/{ROMAN.get(m.group('c'), m.group('c').upper())}"
            return first
    return None
