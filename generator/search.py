"""Search records: each study -> what search knows of it (``generator/search_index.py`` indexes them).

A ``SearchRecord`` holds a study's facet values, what a result shows (title, year,
design, N, headline numbers), its sort keys, and its key numbers as words a reader
types ("hazard ratio 0.58 95% CI 0.38 to 0.88"), so the numbers are found by their names.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from generator.forest import ratio_comparison, ratio_endpoint
from generator.model import DESIGN_LABELS, KIND_LABELS, Arm, Finding, Study

# Outcome facet: which finding kinds make a study count as "measuring" it.
OUTCOME_KINDS = (
    ("Overall survival", ("overall_survival_rate", "median_overall_survival")),
    ("Progression-free survival", ("progression_free_survival_rate", "median_pfs")),
    ("Disease-free survival", ("disease_free_survival_rate", "median_dfs")),
    ("Hazard ratio", ("hazard_ratio",)),
    ("Odds ratio or relative risk", ("odds_ratio", "relative_risk")),
    ("Response rate", ("response_rate", "complete_response", "partial_response",
                       "stable_disease", "disease_control_rate", "duration_of_response")),
    ("Recurrence", ("recurrence_rate",)),
    ("Toxicity", ("toxicity_rate",)),
    ("Mortality", ("mortality",)),
)

# Words a reader types for each kind of number, so "hazard ratio" finds an abstract that only says "HR".
KIND_WORDS = {
    "response_rate": "response rate", "complete_response": "complete response",
    "partial_response": "partial response", "stable_disease": "stable disease",
    "disease_control_rate": "disease control rate", "duration_of_response": "duration of response",
    "overall_survival_rate": "overall survival rate", "median_overall_survival": "median overall survival",
    "progression_free_survival_rate": "progression-free survival rate",
    "median_pfs": "median progression-free survival",
    "disease_free_survival_rate": "disease-free survival rate", "median_dfs": "median disease-free survival",
    "recurrence_rate": "recurrence rate", "time_to_event_other": "time to event",
    "hazard_ratio": "hazard ratio", "odds_ratio": "odds ratio", "relative_risk": "relative risk",
    "p_value": "p value", "follow_up": "follow-up", "toxicity_rate": "toxicity rate",
    "mortality": "mortality deaths", "dose": "dose", "count_other": "count",
}

# Headline numbers shown with each result: the first of each kind, most telling kinds first.
HEADLINE_KINDS = (
    "hazard_ratio", "odds_ratio", "relative_risk", "response_rate", "median_overall_survival",
    "overall_survival_rate", "median_pfs", "progression_free_survival_rate", "median_dfs",
    "disease_free_survival_rate", "recurrence_rate", "complete_response", "mortality", "toxicity_rate",
)
RATIO_KINDS = ("hazard_ratio", "odds_ratio", "relative_risk")
HEADLINE_COUNT = 3

UNKNOWN_YEAR = "Year not given"
UNKNOWN_SIZE = "Size not given"
SIZE_BUCKETS = ((1, "1"), (19, "2–19"), (49, "20–49"), (99, "50–99"), (299, "100–299"), (999, "300–999"))
SIZE_TOP = "1000 or more"


@dataclass(frozen=True)
class Facet:
    """One facet of the search page: its key in the index, its label and its value order."""

    key: str
    label: str
    order: tuple[str, ...] = ()


# Facets whose values are words a reader may type; the others (buckets, design) are labels only.
TEXT_FACETS = ("condition", "intervention", "outcome")


@dataclass(frozen=True)
class SearchRecord:
    """What the search index holds for one study: its result's fields, facets, sort keys and key numbers."""

    title: str
    year: str
    design: str
    size: str
    headline: tuple[str, ...]
    filters: tuple[tuple[str, str], ...]
    sorts: tuple[tuple[str, int], ...]
    numbers: tuple[str, ...]


def year_bucket(year: int | None) -> str:
    """The decade a publication year falls in ("1990s"), for the year facet."""
    return UNKNOWN_YEAR if year is None else f"{year // 10 * 10}s"


def size_bucket(n: int | None) -> str:
    """The sample-size bucket for ``n`` participants, for the size facet."""
    if n is None or n < 1:
        return UNKNOWN_SIZE
    return next((label for top, label in SIZE_BUCKETS if n <= top), SIZE_TOP)


def search_facets() -> tuple[Facet, ...]:
    """The facets of the search page in the order shown; ordered buckets carry their order."""
    decades = tuple(f"{d}s" for d in range(2020, 1940, -10)) + (UNKNOWN_YEAR,)
    return (
        Facet("design", "Design", tuple(DESIGN_LABELS.values())),
        Facet("phase", "Phase", ("Phase I", "Phase I/II", "Phase II", "Phase II/III", "Phase III", "Phase IV")),
        Facet("condition", "Condition"),
        Facet("intervention", "Intervention"),
        Facet("outcome", "Outcome measured", tuple(label for label, _ in OUTCOME_KINDS)),
        Facet("year", "Year published", decades),
        Facet("size", "Sample size", tuple(label for _, label in SIZE_BUCKETS) + (SIZE_TOP, UNKNOWN_SIZE)),
    )


def _plain(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def number_phrase(finding: Finding) -> str:
    """A finding as indexable words: "hazard ratio 0.58 95% CI 0.38 to 0.88 P = 0.01"."""
    parts = [finding.timepoint or "", KIND_WORDS.get(finding.kind, finding.kind.replace("_", " ")), finding.text]
    if finding.unit and finding.unit not in finding.text:
        parts.append(finding.unit)
    if finding.ci_low is not None and finding.ci_high is not None:
        parts.append(f"{_plain(finding.ci_level) or '95'}% CI {_plain(finding.ci_low)} to {_plain(finding.ci_high)}")
    if finding.p_text:
        parts.append(f"P {finding.p_text}")
    if finding.arm:
        parts.append(finding.arm)
    return " ".join(p for p in parts if p)


def patients(count: int) -> str:
    """"1 patient", "17 patients"."""
    return f"{count} {'patient' if count == 1 else 'patients'}"


# Kinds whose bare whole number (no unit) counts patients: "Deaths: 3 patients".
COUNT_KINDS = frozenset({"response_rate", "complete_response", "partial_response", "stable_disease",
                         "disease_control_rate", "recurrence_rate", "toxicity_rate", "mortality"})


def headline_value(finding: Finding) -> str:
    """The value as a reader says it: "17 patients (6%)", "6 of 18 patients", "> 21.5 months", "0.58"."""
    relation = "" if finding.relation == "=" else f"{finding.relation} "
    number = _plain(finding.value)
    percent = finding.unit == "%"
    count = finding.numerator
    if count is None and finding.unit is None and finding.kind in COUNT_KINDS and float(finding.value).is_integer():
        count = int(finding.value)
    if count is not None and (percent or finding.unit is None):
        people = f"{count} of {patients(finding.denominator)}" if finding.denominator else patients(count)
        # A percentage worked out from the count is not shown as if the abstract gave it.
        return relation + (people if not percent or "value" in finding.computed else f"{people} ({number}%)")
    if percent:
        return f"{relation}{number}%"
    return f"{relation}{number} {finding.unit}" if finding.unit else relation + number


def headline_text(finding: Finding, arms: tuple[Arm, ...] = ()) -> str:
    """A headline number as a sentence that names its outcome and its comparison or arm:
    "Hazard ratio for overall survival, nivolumab vs dacarbazine: 0.42 (95% CI 0.25–0.73)",
    "Complete response: 17 patients (6%)", "5-year overall survival, surgery: 48%"."""
    label = KIND_LABELS[finding.kind][0]
    detail = finding.arm
    if finding.kind in RATIO_KINDS:
        endpoint = ratio_endpoint(finding)
        label = f"{label} for {endpoint.lower()}" if endpoint else label
        comparison = ratio_comparison(arms, finding)
        detail = " vs ".join(comparison) if comparison else finding.arm
    if finding.timepoint:
        label = f"{finding.timepoint} {label[0].lower()}{label[1:]}"
    lead = f"{label}, {detail}" if detail else label
    interval = ""
    if finding.ci_low is not None and finding.ci_high is not None:
        suffix = "%" if finding.unit == "%" else ""
        interval = (f" ({_plain(finding.ci_level) or '95'}% CI "
                    f"{_plain(finding.ci_low)}–{_plain(finding.ci_high)}{suffix})")
    return f"{lead}: {headline_value(finding)}{interval}"


def headline_numbers(findings: tuple[Finding, ...], arms: tuple[Arm, ...] = ()) -> tuple[str, ...]:
    """Up to ``HEADLINE_COUNT`` of the study's own certain key numbers, most telling kind first, each said once."""
    first: dict[str, Finding] = {}
    for f in findings:
        if f.scope == "study" and f.certain:
            first.setdefault(f.kind, f)
    said = dict.fromkeys(headline_text(first[kind], arms) for kind in HEADLINE_KINDS if kind in first)
    return tuple(islice(said, HEADLINE_COUNT))


def outcomes_measured(findings: tuple[Finding, ...]) -> tuple[str, ...]:
    """The outcome facet values a study's own findings support: a finding whose kind the rules could not settle
    supports none (it is kept off the evidence map and the facets as off the comparison pages)."""
    kinds = {f.kind for f in findings if f.scope == "study" and (f.certain or "kind" not in f.uncertain.split(","))}
    return tuple(label for label, members in OUTCOME_KINDS if kinds.intersection(members))


def search_record(study: Study, headline: tuple[str, ...] | None = None) -> SearchRecord:
    """The search record of one study: facets, result metadata, sort keys, indexed numbers (``headline``: its
    ``headline_numbers``, when made already)."""
    x = study.extraction
    design = DESIGN_LABELS.get(x.design, DESIGN_LABELS["other"])
    filters = [("design", design)]
    if x.phase:
        filters.append(("phase", f"Phase {x.phase}"))
    filters += [("condition", c) for c in dict.fromkeys(x.conditions)]
    filters += [("intervention", i) for i in dict.fromkeys(x.interventions)]
    filters += [("outcome", o) for o in outcomes_measured(x.findings)]
    filters += [("year", year_bucket(study.year)), ("size", size_bucket(x.n_total))]
    # Unknowns sort as 0: last when the newest or largest come first.
    sorts = (("year", study.year or 0), ("size", x.n_total or 0))
    return SearchRecord(
        title=study.title,
        year=str(study.year) if study.year else "",
        design=f"{design}, phase {x.phase}" if x.phase else design,
        size=f"N = {x.n_total}" if x.n_total else "",
        headline=headline_numbers(x.findings, x.arms) if headline is None else headline,
        filters=tuple(dict.fromkeys(filters)),
        sorts=sorts,
        numbers=tuple(dict.fromkeys(number_phrase(f) for f in x.findings)),
    )
