"""``litreview check``: studies in, a per-study report of what was read and what is missing out.

A reviewer reads it to know what to correct in a sidecar: every finding with
the sentence it came from, a flag on studies with no sample size or no outcome,
and every finding "to verify" (``Finding.certain`` false) with the line it stands
on and the sidecar entries that would settle it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Mapping

import yaml

from generator.model import DESIGN_LABELS, KIND_LABELS, UNSETTLED_LABELS, Finding, Study

# Kinds that describe the study rather than report an outcome of it.
NOT_OUTCOMES = frozenset({"p_value", "dose", "follow_up", "count_other"})
RELATION_TEXT = {"=": "", "<": "<", ">": ">", "<=": "≤", ">=": "≥"}
# How many words before a number, within its sentence, find its line in the input file.
LINE_WORDS = 6


@dataclass(frozen=True)
class SourceFile:
    """An input as ``check`` names it (``content/x.txt``), its text, and the sidecar that corrects it."""

    path: str
    text: str
    sidecar: str


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.10g}"


def describe_finding(finding: Finding) -> str:
    """One finding on one line: kind, value, CI, p, arm, time point and scope."""
    parts = [f"{KIND_LABELS[finding.kind][0]}: {RELATION_TEXT[finding.relation]}{_number(finding.value)}"
             + (f" {finding.unit}" if finding.unit else "") + f' ("{finding.text}")']
    if finding.numerator is not None and finding.denominator is not None:
        parts.append(f"{finding.numerator}/{finding.denominator}")
    if finding.ci_low is not None or finding.ci_high is not None:
        level = _number(finding.ci_level) or "95"
        parts.append(f"{level}% CI {_number(finding.ci_low)} to {_number(finding.ci_high) or 'not reached'}")
    if finding.p_text:
        parts.append(finding.p_text)
    parts += [f"arm: {finding.arm}"] * bool(finding.arm) + [f"at {finding.timepoint}"] * bool(finding.timepoint)
    if finding.scope != "study":
        parts.append(f"{finding.scope} figure" if finding.scope == "cited" else "design threshold")
    if finding.computed:
        parts.append("computed: " + ", ".join(finding.computed))
    if finding.curated:
        parts.append("curated")
    elif finding.unsettled:
        parts.append("to verify: " + ", ".join(finding.unsettled))
    return "; ".join(parts)


def finding_line(text: str, study: Study, finding: Finding) -> int | None:
    """The 1-based line of ``text`` (the input file) the finding's number ends on, when its words
    (up to ``LINE_WORDS`` of its sentence before it) can be found there; else None."""
    section = next((s for s in study.sections if s.label == finding.section
                    and s.text[finding.start:finding.end] == finding.text), None)
    if section is None:
        return None
    begin = section.text.rfind(finding.sentence, 0, finding.start + 1)
    words = section.text[max(begin, 0):finding.end].split()[-LINE_WORDS:]
    while words:
        found = list(re.finditer(r"\s+".join(map(re.escape, words)), text))
        if len(found) == 1 or (found and len(words) > 1):
            return text.count("\n", 0, found[0].end()) + 1
        words = words[1:] if len(words) > 1 else []
    return None


def _flow(mapping: dict) -> str:
    """A mapping as one line of YAML flow style, quoted wherever YAML needs it."""
    return yaml.safe_dump(mapping, default_flow_style=True, sort_keys=False, allow_unicode=True,
                          width=10**6).strip()


def confirm_match(study: Study, finding: Finding) -> dict:
    """The ``match`` keys that pick this finding: kind, text, its arm and time point when it has them,
    and its section when the others pick more than one."""
    match = {"kind": finding.kind, "text": finding.text}
    match.update({key: getattr(finding, key) for key in ("arm", "timepoint") if getattr(finding, key)})
    picked = [f for f in study.extraction.findings if all(getattr(f, k) == v for k, v in match.items())]
    if len(picked) > 1:
        match["section"] = finding.section
    return match


def verify_report(study: Study, source: SourceFile | None, records: int = 1) -> list[str]:
    """The lines of a study's "to verify" list: each uncertain finding, where it stands, its sentence,
    and the sidecar entries that would settle it (``records`` is how many records its file holds)."""
    doubtful = [f for f in study.extraction.findings if not f.certain]
    if not doubtful:
        return []
    path = source.path if source else study.source
    sidecar = source.sidecar if source else PurePosixPath(study.source).with_suffix(".yml").as_posix()
    under = f"records: {_flow([study.id])[1:-1]}: findings:" if records > 1 else "findings:"
    lines = [f"  to verify: {len(doubtful)} (kept off the comparisons until a correction settles it)"]
    for finding in doubtful:
        line = finding_line(source.text, study, finding) if source else None
        match = confirm_match(study, finding)
        settle = ", ".join(f"{key}: <the right {UNSETTLED_LABELS.get(key, key)}>"
                           for key in finding.uncertain.split(","))
        lines += [
            f"    - {path}" + (f":{line}" if line else "") + f": {describe_finding(finding)}",
            f"      {finding.section}: \"{finding.sentence}\"",
            f"      right as it is: in {sidecar}, under {under} confirm:",
            f"        - {_flow(match)}",
            f"      else: in {sidecar}, under {under} fix:",
            f"        - {{match: {_flow(match)}, set: {{{settle}}}}}",
        ]
    return lines


def study_flags(study: Study) -> list[str]:
    """What a reviewer should look at: no sample size, no outcome."""
    flags = []
    if study.extraction.n_total is None:
        flags.append("no sample size found")
    if not any(f.kind not in NOT_OUTCOMES for f in study.extraction.findings):
        flags.append("no outcome found")
    return flags


def study_report(study: Study, source: SourceFile | None = None, records: int = 1) -> str:
    """The block ``litreview check`` prints for one study (``verify_report`` for its arguments)."""
    x = study.extraction
    design = DESIGN_LABELS[x.design] + (f", phase {x.phase}" if x.phase else "")
    n = "not found" if x.n_total is None else str(x.n_total)
    if x.n_enrolled is not None and x.n_enrolled != x.n_total:
        n += f" (enrolled {x.n_enrolled})"
    lines = [
        f"{study.source}: {study.id}",
        f"  title: {study.title}" + (" [made from the abstract]" if study.title_generated else ""),
        f"  design: {design}; N: {n}",
        "  arms: " + ("; ".join(a.name + ("" if a.n is None else f" (n={a.n})") for a in x.arms) or "none found"),
        "  conditions: " + (", ".join(x.conditions) or "none found"),
        "  interventions: " + (", ".join(x.interventions) or "none found"),
        f"  findings: {len(x.findings)}",
    ]
    for finding in x.findings:
        lines.append(f"    - {describe_finding(finding)}")
        lines.append(f"      {finding.section}: \"{finding.sentence}\"")
    lines += verify_report(study, source, records)
    lines += [f"  flag: {flag}" for flag in study_flags(study)]
    return "\n".join(lines)


def check_report(studies: tuple[Study, ...], sources: Mapping[str, SourceFile] | None = None) -> str:
    """The report ``litreview check`` prints: one block per study, then the flagged ones and the count
    of findings to verify. ``sources`` gives the input file of each study by ``Study.source``."""
    records = Counter(s.source for s in studies)
    blocks = [study_report(s, (sources or {}).get(s.source), records[s.source]) for s in studies]
    flagged = [s.id for s in studies if study_flags(s)]
    blocks.append(f"{len(flagged)} of {len(studies)} studies flagged" + (": " + ", ".join(flagged) if flagged else ""))
    doubtful = [s.id for s in studies if any(not f.certain for f in s.extraction.findings)]
    count = sum(not f.certain for s in studies for f in s.extraction.findings)
    if count:
        blocks[-1] += (f"\n{count} {'finding' if count == 1 else 'findings'} to verify in {len(doubtful)} "
                       f"{'study' if len(doubtful) == 1 else 'studies'}: " + ", ".join(doubtful))
    return "\n\n".join(blocks)
