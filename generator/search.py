"""Search stage: each study -> its search record; the built site -> a Pagefind index.

Each study has a ``SearchRecord`` (facet values, result metadata, sort keys
and the words and numbers to index), written as a small page of its own through
``search_record.html.j2`` (not published). ``build_search_index`` runs Pagefind
over those records and writes a chunked index under ``pagefind/`` in the site, so a
reader's browser fetches only the few chunks a query needs, not one file that
grows with the review.
"""

from __future__ import annotations

import importlib.util
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import BuildError
from generator.model import DESIGN_LABELS, STUDY_DIR, Finding, Study

INDEX_DIR = "pagefind"
STUDY_PAGES_GLOB = f"{STUDY_DIR}/*.html"
PAGEFIND_TIMEOUT_S = 600
# Pagefind's ready-made UIs: the search page has its own, so these would only be dead weight.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)

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
HEADLINE_LABELS = (
    ("hazard_ratio", "HR"), ("odds_ratio", "OR"), ("relative_risk", "RR"),
    ("response_rate", "Response rate"), ("median_overall_survival", "Median OS"),
    ("overall_survival_rate", "OS"), ("median_pfs", "Median PFS"),
    ("progression_free_survival_rate", "PFS"), ("median_dfs", "Median DFS"),
    ("disease_free_survival_rate", "DFS"), ("recurrence_rate", "Recurrence"),
    ("complete_response", "Complete responses"), ("mortality", "Deaths"),
    ("toxicity_rate", "Toxicity"),
)
HEADLINE_COUNT = 3

UNKNOWN_YEAR = "Year not given"
UNKNOWN_SIZE = "Size not given"
SIZE_BUCKETS = ((1, "1"), (19, "2–19"), (49, "20–49"), (99, "50–99"), (299, "100–299"), (999, "300–999"))
SIZE_TOP = "1000 or more"


@dataclass(frozen=True)
class Facet:
    """One facet of the search page: its Pagefind filter key, its label and its value order."""

    key: str
    label: str
    order: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchRecord:
    """What the search index holds for one study, ready for the page template."""

    title: str
    year: str
    design: str
    size: str
    headline: tuple[str, ...]
    filters: tuple[tuple[str, str], ...]
    sorts: tuple[tuple[str, str], ...]
    numbers: tuple[str, ...]
    # Facets whose values are words a reader may type; the others (buckets, design) are labels only.
    text_facets: tuple[str, ...] = ("condition", "intervention", "outcome")


@dataclass(frozen=True)
class IndexReport:
    """What ``build_search_index`` wrote: how many pages and where."""

    pages: int
    index_dir: Path


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


def headline_text(label: str, finding: Finding) -> str:
    """A headline number for a result: "HR 0.58 (95% CI 0.38–0.88)", "5-year OS 75%"."""
    relation = "" if finding.relation == "=" else f"{finding.relation} "
    value = finding.text
    if finding.unit and finding.unit not in value:
        value = f"{value}%" if finding.unit == "%" else f"{value} {finding.unit}"
    if finding.denominator and finding.unit != "%":
        value = f"{value} of {finding.denominator}"
    lead = f"{finding.timepoint} {label}" if finding.timepoint else label
    extras = []
    if finding.ci_low is not None and finding.ci_high is not None:
        extras.append(f"95% CI {_plain(finding.ci_low)}–{_plain(finding.ci_high)}")
    if finding.arm:
        extras.append(finding.arm)
    tail = f" ({'; '.join(extras)})" if extras else ""
    return f"{lead} {relation}{value}{tail}"


def headline_numbers(findings: tuple[Finding, ...]) -> tuple[str, ...]:
    """Up to ``HEADLINE_COUNT`` of the study's own key numbers, most telling kind first."""
    own = [f for f in findings if f.scope == "study"]
    picked = []
    for kind, label in HEADLINE_LABELS:
        first = next((f for f in own if f.kind == kind), None)
        if first is not None:
            picked.append(headline_text(label, first))
        if len(picked) == HEADLINE_COUNT:
            break
    return tuple(picked)


def outcomes_measured(findings: tuple[Finding, ...]) -> tuple[str, ...]:
    """The outcome facet values a study's own findings support."""
    kinds = {f.kind for f in findings if f.scope == "study"}
    return tuple(label for label, members in OUTCOME_KINDS if kinds.intersection(members))


def search_record(study: Study) -> SearchRecord:
    """The search record of one study: facets, result metadata, sort keys, indexed numbers."""
    x = study.extraction
    design = DESIGN_LABELS.get(x.design, DESIGN_LABELS["other"])
    filters = [("design", design)]
    if x.phase:
        filters.append(("phase", f"Phase {x.phase}"))
    filters += [("condition", c) for c in dict.fromkeys(x.conditions)]
    filters += [("intervention", i) for i in dict.fromkeys(x.interventions)]
    filters += [("outcome", o) for o in outcomes_measured(x.findings)]
    filters += [("year", year_bucket(study.year)), ("size", size_bucket(x.n_total))]
    # Pagefind leaves a page out of a sorted listing when it lacks the key, so unknowns sort as 0.
    sorts = (("year", str(study.year or 0)), ("size", str(x.n_total or 0)))
    return SearchRecord(
        title=study.title,
        year=str(study.year) if study.year else "",
        design=f"{design}, phase {x.phase}" if x.phase else design,
        size=f"N = {x.n_total}" if x.n_total else "",
        headline=headline_numbers(x.findings),
        filters=tuple(filters),
        sorts=sorts,
        numbers=tuple(dict.fromkeys(number_phrase(f) for f in x.findings)),
    )


# What the search index needs beyond the site's own dependencies, imported only when it is built.
SEARCH_PACKAGES = ("pagefind_bin", "cbor2")


def missing_search_tools() -> str | None:
    """Why the search index cannot be built here (a package of the project's not installed), or None."""
    missing = [name for name in SEARCH_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        return (f"not installed: {', '.join(missing)} (install the project with its dependencies: "
                f"pip install -e .)")
    return None


def pagefind_command(records_dir: Path, index_dir: Path) -> list[str]:
    """The Pagefind command line that indexes the search records under ``records_dir`` into ``index_dir``."""
    from pagefind_bin import get_executable

    return [str(get_executable()), "--site", str(records_dir.resolve()), "--output-path", str(index_dir.resolve()),
            "--glob", STUDY_PAGES_GLOB, "--force-language", "en", "--silent"]


@dataclass(frozen=True)
class Indexing:
    """A Pagefind run under way: its process (None when there is nothing to index), its log and its output."""

    process: subprocess.Popen | None
    log: Path
    pages: int
    index_dir: Path


def start_search_index(records_dir: Path, index_dir: Path, log: Path) -> Indexing:
    """Start indexing the study search records (one small page per study, at its study page's path).

    Pagefind reads the records rather than the study pages: a record holds only what
    search needs, so there is a fraction of the HTML to parse, and results link to the
    study pages because each record sits at its study page's path. It runs while the
    rest of the site is written; ``finish_search_index`` waits for it.
    """
    pages = sum(1 for _ in records_dir.glob(STUDY_PAGES_GLOB))
    if pages == 0:
        # Pagefind refuses an empty site; an empty review simply has nothing to search yet.
        return Indexing(None, log, 0, index_dir)
    try:
        with open(log, "wb") as out:
            process = subprocess.Popen(pagefind_command(records_dir, index_dir), stdout=out, stderr=subprocess.STDOUT)
    except OSError as exc:
        raise BuildError(f"search index: could not run Pagefind: {exc}") from None
    return Indexing(process, log, pages, index_dir)


def finish_search_index(indexing: Indexing) -> IndexReport:
    """Wait for Pagefind, then trim and canonicalise its output."""
    from generator.pagefind_output import canonicalize_pagefind

    if indexing.process is None:
        return IndexReport(0, indexing.index_dir)
    try:
        code = indexing.process.wait(timeout=PAGEFIND_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        indexing.process.kill()
        raise BuildError(f"search index: Pagefind took more than {PAGEFIND_TIMEOUT_S} s") from None
    if code != 0:
        detail = indexing.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        raise BuildError(f"search index: Pagefind failed: {detail[-1] if detail else code}")
    for name in UNUSED_BUNDLE_FILES:
        (indexing.index_dir / name).unlink(missing_ok=True)
    canonicalize_pagefind(indexing.index_dir)
    return IndexReport(indexing.pages, indexing.index_dir)


def build_search_index(records_dir: Path, site_dir: Path) -> IndexReport:
    """Index the study search records into ``<site>/pagefind/``, start to finish."""
    return finish_search_index(start_search_index(records_dir, site_dir / INDEX_DIR, records_dir / "pagefind.log"))
