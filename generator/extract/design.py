"""Design, phase, population and arms: a study's own sentences in, those fields out.

Only sentences that speak of this study count: the title, and sentences of the
objective, methods, results and conclusions that are not about a cited trial
(a background sentence, "A randomized phase III trial ... was recently
completed", "A multicenter randomized trial is recommended" are not evidence).
Publication types break a tie; they are never the whole answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.extract.numbers import DIGITS, WORD_NUMBER, parse_number
from generator.extract.scope import ScopedSentence
from generator.model import Arm, Finding

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
ARM_N_RE = re.compile(
    r"(?P<name>[A-Za-z][\w+/-]{0,30}(?:\s[\w+/±-]{1,30}){0,8}?)\s?(?:arm|group)?\s?\([Nn]\s?=\s?(?P<n>\d{1,6})\)"
)
ARM_SIZE_RE = re.compile(
    rf"(?P<n>{DIGITS})\s(?:patients\s)?(?:were\s)?(?:(?:randomly\s)?(?:assigned|allocated|randomi[sz]ed)\s(?:to\s)?)?"
    r"in(?:to)?\s(?:the\s)?(?P<name>[A-Za-z][\w+/-]{0,30}(?:\s[\w+/-]{1,30}){0,4}?)\s(?:arm|group)\b"
)
# "(IHP n = 46; BAC n = 47)": arm names and sizes listed inside one bracket.
ARM_N_LIST_RE = re.compile(r"[(;,]\s?(?P<name>[A-Za-z][\w+/-]{0,30})\s?[:,]?\s[Nn]\s?=\s?(?P<n>\d{1,6})(?=\s?[;,)])")
# "TACE plus sorafenib 400 mg twice daily (n = 156)": the dose and schedule are not the arm's name.
ARM_DOSE_TAIL_RE = re.compile(r"\s\d[\d.,]*\s?(?:mg|g|µg|μg|mcg|IU|MIU|U|Gy|GBq|mCi)\b.*$")
ARM_FOLD_RE = re.compile(r"[\s-]+")
COMBINATION_RE = re.compile(r"\bcombin(?:ation|ed)\b", re.IGNORECASE)
COMBINED_NAME_RE = re.compile(r"\splus\s|\s?\+\s?|\sand\s|\swith\s", re.IGNORECASE)
ARM_AFTER_NUMBER_RE = re.compile(r"^\s?(?:%|months?|years?|weeks?)?\s(?:of\s(?:the\s)?patients\s)?"
                                 r"(?:with|in|for|among|on|after)\s(?:the\s)?(?P<rest>.{1,60})")
ARM_MENTION_RE = re.compile(r"\b(?:in|with|among)\s(?:the\s)?(?P<name>[A-Za-z][\w+/-]{0,30}(?:\s[\w+/-]{1,30}){0,3}?)"
                            r"\s(?:arm|group|cohort)\b")
VERSUS_GAP_RE = re.compile(r"^\s?(?:%|months?|years?)?\s(?:vs\.?|versus)\s$")
ALLOCATION_RE = re.compile(r"randomi[sz]|assigned|allocated|\breceived\b|\benrolled\b", re.IGNORECASE)


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
                    findings: tuple[Finding, ...], case_report: bool) -> Population:
    """Total, enrolled and analysed N, and the arms with their sizes."""
    arms = read_arms(sentences, findings)
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


def read_arms(sentences: tuple[ScopedSentence, ...], findings: tuple[Finding, ...]) -> tuple[Arm, ...]:
    """Each arm a comparison has, with its n where the text gives one."""
    sizes: dict[str, tuple[str, int | None, int]] = {}

    def offer(name: str, n: int | None, rank: int) -> None:
        name = re.sub(r"^(?:the|a|an|to|of|in)\s", "", name.strip(), flags=re.IGNORECASE).strip()
        name = re.sub(r"\s(?:arm|group)$", "", name, flags=re.IGNORECASE)
        if not name or len(name) > 60:
            return
        key = name.casefold()
        if key not in sizes or rank < sizes[key][2] or (sizes[key][1] is None and n is not None):
            sizes[key] = (name, n, rank)

    for item in sentences:
        if item.scope != "study":
            continue
        text = item.sentence.text
        # Cheap guards first: the arm patterns are costly to try at every word.
        has_n = "n =" in text or "n=" in text or "N =" in text or "N=" in text
        for m in (ARM_N_RE.finditer(text) if has_n else ()):
            # "randomly assigned to chemotherapy (n = 61) or observation (n = 58)": the name follows the last "to"/"or".
            name = re.split(r"\b(?:to|or|and|versus|vs\.?|with)\s", ARM_DOSE_TAIL_RE.sub("", m.group("name")))[-1]
            if not re.fullmatch(PEOPLE, name.strip(), re.IGNORECASE):
                offer(" ".join(name.split()[-4:]), int(m.group("n")), 0)
        listed = list(ARM_N_LIST_RE.finditer(text)) if has_n else []
        if len(listed) >= 2:
            for m in listed:
                offer(m.group("name"), int(m.group("n")), 0)
        if ("arm" in text or "group" in text) and ALLOCATION_RE.search(text):
            for m in ARM_SIZE_RE.finditer(text):
                offer(m.group("name"), int(parse_number(m.group("n"))), 2)
    known = [name for name, _, rank in sizes.values() if rank == 0]
    for finding in findings:
        # Once the allocation names the arms, "the combination arm" is one of them, not a new one.
        if finding.arm and finding.scope == "study" and (len(known) < 2 or not known_arm(finding.arm, known)):
            offer(finding.arm, finding.denominator, 1 if finding.denominator else 3)
    arms = [Arm(name, n) for name, n, _ in sizes.values()]
    return tuple(arms) if len(arms) >= 2 else ()


def _fold(name: str) -> str:
    return ARM_FOLD_RE.sub(" ", name.casefold()).strip()


def known_arm(name: str, known: list[str]) -> str | None:
    """The allocated arm a later mention names ("TACE-alone", "the combination arm"), or None."""
    folded = _fold(name)
    same = [k for k in known if _fold(k) == folded or folded in _fold(k).split(" plus ")]
    if len(same) == 1:
        return same[0]
    if COMBINATION_RE.search(name):
        combined = [k for k in known if COMBINED_NAME_RE.search(k)]
        return combined[0] if len(combined) == 1 else None
    return None


def _arm_after(sentence: str, finding: Finding, known: list[str]) -> str | None:
    at = sentence.find(finding.text)
    m = ARM_AFTER_NUMBER_RE.match(sentence[at + len(finding.text):]) if at >= 0 else None
    if not m:
        return None
    rest = _fold(m.group("rest"))
    hits = sorted((k for k in known if rest.startswith(_fold(k))), key=len, reverse=True)
    return hits[0] if hits else None


def _sole_arm_mention(finding: Finding, findings: tuple[Finding, ...], known: list[str]) -> str | None:
    """ "Two deaths occurred in the combination arm": a sentence with one number and one arm joins them."""
    if sum(f.sentence == finding.sentence for f in findings) != 1:
        return None
    names = {known_arm(m.group("name"), known) for m in ARM_MENTION_RE.finditer(finding.sentence)}
    return names.pop() if len(names) == 1 else None


def align_arms(findings: tuple[Finding, ...], arms: tuple[Arm, ...]) -> tuple[Finding, ...]:
    """Findings with their arm named as the allocation names it, when the study has two or more arms."""
    known = [a.name for a in arms]
    if len(known) < 2:
        return findings
    out = list(findings)
    for i, f in enumerate(out):
        if f.scope != "study" or f.kind in ("dose", "p_value", "follow_up"):
            continue
        if f.arm:
            out[i] = replace(f, arm=known_arm(f.arm, known) or f.arm)
        elif (arm := _arm_after(f.sentence, f, known) or _sole_arm_mention(f, findings, known)):
            out[i] = replace(f, arm=arm)
    # "71.3% versus 61.8%" with no arm named: the arms in the order the allocation gave them.
    if len(known) == 2:
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if (a.sentence == b.sentence and a.kind == b.kind and a.arm is None and b.arm is None
                    and a.scope == b.scope == "study" and b.start > a.end
                    and VERSUS_GAP_RE.match(a.sentence[a.sentence.find(a.text) + len(a.text):
                                                       a.sentence.find(a.text) + len(a.text) + b.start - a.end])):
                out[i], out[i + 1] = replace(a, arm=known[0]), replace(b, arm=known[1])
    return tuple(out)
