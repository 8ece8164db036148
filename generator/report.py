"""``litreview check``: studies in, a per-study report of what was read and what is missing out.

A reviewer reads it to know what to correct in a sidecar: every finding with
the sentence it came from, and a flag on studies with no sample size or no outcome.
"""

from __future__ import annotations

from generator.model import DESIGN_LABELS, KIND_LABELS, Finding, Study

# Kinds that describe the study rather than report an outcome of it.
NOT_OUTCOMES = frozenset({"p_value", "dose", "follow_up", "count_other"})
RELATION_TEXT = {"=": "", "<": "<", ">": ">", "<=": "≤", ">=": "≥"}


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
    return "; ".join(parts)


def study_flags(study: Study) -> list[str]:
    """What a reviewer should look at: no sample size, no outcome."""
    flags = []
    if study.extraction.n_total is None:
        flags.append("no sample size found")
    if not any(f.kind not in NOT_OUTCOMES for f in study.extraction.findings):
        flags.append("no outcome found")
    return flags


def study_report(study: Study) -> str:
    """The block ``litreview check`` prints for one study."""
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
    lines += [f"  flag: {flag}" for flag in study_flags(study)]
    return "\n".join(lines)


def check_report(studies: tuple[Study, ...]) -> str:
    """The report ``litreview check`` prints: one block per study, then the flagged ones."""
    blocks = [study_report(s) for s in studies]
    flagged = [s.id for s in studies if study_flags(s)]
    blocks.append(f"{len(flagged)} of {len(studies)} studies flagged" + (": " + ", ".join(flagged) if flagged else ""))
    return "\n\n".join(blocks)
