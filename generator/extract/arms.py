"""Arms: a study's own sentences in, each arm a comparison has (with its size) out.

The allocation names the arms ("randomly assigned to chemotherapy (n = 61) or
observation (n = 58)"); findings are then given the arm they belong to, named
as the allocation names it (``align_arms``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.extract.design import PEOPLE
from generator.extract.numbers import DIGITS, parse_number
from generator.extract.scope import ScopedSentence
from generator.model import Arm, Finding

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
