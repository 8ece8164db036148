"""Compare stage, one trial one count: a study's text -> the trials it reports; studies -> groups of reports.

In: a study's title and abstract (``trial_keys``), then every study's keys (``group_reports``).
Out: the trial each study reports, by its registration number (ClinicalTrials.gov NCT, ISRCTN,
EudraCT) or by the name the abstract gives it ("CheckMate 066", "the MOSAIC trial"), and the
groups of studies that report one trial: reports sharing any key are one trial, so a trial
reported in a journal and in a regulator's summary is shown as such and counted once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping

from generator.model import Study

NCT_RE = re.compile(r"\bNCT\s?(\d{8})\b")
ISRCTN_RE = re.compile(r"\bISRCTN\s?(\d{8})\b")
EUDRACT_RE = re.compile(r"\bEudra\s?CT\b[^.;]{0,30}?\b((?:19|20)\d{2}-\d{6}-\d{2})\b", re.IGNORECASE)
# Each registry's pattern, the prefix of its numbers, and what (in lower case) a text its pattern matches holds.
REGISTRIES = ((NCT_RE, "NCT", "nct"), (ISRCTN_RE, "ISRCTN", "isrctn"), (EUDRACT_RE, "EudraCT ", "eudra"))
# A trial's name: a word of two capitals or more and a number ("CheckMate 066", "KEYNOTE-006",
# "EORTC 40983"), or such a word followed by "trial" or "study" ("the MOSAIC trial"). Each starts with the
# capital the regex engine skips to, and is checked to start a word once found (not tried at every character).
NUMBERED_NAME_RE = re.compile(r"([A-Z](?<!\w.)[a-z]*[A-Z][A-Za-z]*)[ -](\d{3,5})\b")
NAMED_TRIAL_RE = re.compile(r"([A-Z](?<!\w.)[a-z]*[A-Z][A-Za-z]*)(?:[ -](\d{1,5}))?\s(?:trial|study)\b")
# Capitals before "trial" that name a kind of trial or a trial group, not one trial.
NOT_A_NAME = frozenset({
    "RCT", "II", "III", "IV", "IIB", "IIIB", "NCI", "FDA", "EMA", "US", "USA", "UK", "EU", "EORTC", "SWOG", "ECOG",
    "GOG", "RTOG", "NCCTG", "CALGB", "NSABP", "JCOG", "AIO", "FFCD", "GERCOR", "NRG", "CCTG", "NCIC", "ACOSOG",
    "MRC", "WHO", "HRQOL", "QOL", "ITT", "PP",
})
# A name without a number must be this long: shorter capitals are mostly abbreviations of a treatment.
MIN_BARE_NAME = 5


@dataclass(frozen=True)
class TrialGroup:
    """Reports of one trial: its label (registration number, else name) and the studies, in id order."""

    label: str
    study_ids: tuple[str, ...]


def name_key(name: str) -> str:
    """A trial name as compared: "KEYNOTE-006" and "Keynote 006" are one."""
    return "name:" + re.sub(r"[\s-]+", " ", name.casefold()).strip()


def trial_keys(study: Study) -> tuple[tuple[str, str], ...]:
    """``(key, label)`` of every trial the study's title and abstract name, registration numbers first:
    ("NCT01721772", "NCT01721772"), ("name:checkmate 066", "CheckMate 066")."""
    text = "\n".join([study.title] + [s.text for s in study.sections])
    found: dict[str, str] = {}
    lower = text.lower()
    for pattern, prefix, needle in REGISTRIES:
        if needle not in lower:
            continue  # most abstracts name no registry
        for match in pattern.finditer(text):
            number = prefix + match.group(1)
            found.setdefault(number.upper(), number)
    for pattern in (NUMBERED_NAME_RE, NAMED_TRIAL_RE):
        for match in pattern.finditer(text):
            word, number = match.group(1), match.group(2)
            if word.upper() in NOT_A_NAME or word.upper().startswith(("NCT", "ISRCTN")):
                continue
            if number is None and (len(word) < MIN_BARE_NAME or not word.isupper()):
                continue
            name = text[match.start(1):match.end(2 if number else 1)]  # as written: "KEYNOTE-006"
            found.setdefault(name_key(name), name)
    return tuple(found.items())


def group_reports(keys: Mapping[str, Iterable[tuple[str, str]]]) -> dict[str, TrialGroup]:
    """The trial group of each study that shares a trial with another (by any key), by study id."""
    parent: dict[str, str] = {}

    def root(sid: str) -> str:
        while parent[sid] != sid:
            parent[sid] = parent[parent[sid]]
            sid = parent[sid]
        return sid

    first_with: dict[str, str] = {}
    labels: dict[str, str] = {}
    for sid in sorted(keys):
        parent.setdefault(sid, sid)
        for key, label in keys[sid]:
            labels.setdefault(key, label)
            if key in first_with:
                a, b = root(first_with[key]), root(sid)
                parent[max(a, b)] = min(a, b)
            else:
                first_with[key] = sid
    members: dict[str, list[str]] = defaultdict(list)
    for sid in sorted(keys):
        members[root(sid)].append(sid)
    groups: dict[str, TrialGroup] = {}
    for ids in members.values():
        if len(ids) < 2:
            continue
        shared = [k for k in dict.fromkeys(k for sid in ids for k, _ in keys[sid])
                  if sum(any(k == key for key, _ in keys[sid]) for sid in ids) > 1]
        # Registration numbers come before names in each study's keys, so the first shared is the best label.
        group = TrialGroup(labels[shared[0]], tuple(ids))
        groups.update({sid: group for sid in ids})
    return groups
