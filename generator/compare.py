"""Compare stage: all studies -> the cross-study pages' tables, lists and map.

In: every ``Study`` of the site and its ``SiteConfig``. Out: ``Comparisons``, one
``ComparisonPage`` per outcome family (rows of findings, grouped), per condition and
per intervention (lists of studies), the evidence map and the studies by year.
Studies are lined up side by side, never pooled. The render stage draws the charts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping, Sequence

from generator.citations import surname
from generator.config import PoolSpec, SiteConfig
from generator.forest import ForestPlot, forest_plots, ratio_comparison, ratio_endpoint
from generator.trials import TrialGroup, group_reports, trial_keys
from generator.model import DESIGN_LABELS, KIND_LABELS, Finding, Study
from generator.search import OUTCOME_KINDS, headline_numbers, outcomes_measured
from generator.stats import wilson_percent

# Each outcome page: its config name, title, URL and the finding kinds it lines up.
OUTCOME_PAGES = (
    ("response", "Response", "compare/response/",
     ("response_rate", "complete_response", "partial_response", "stable_disease", "disease_control_rate")),
    ("overall_survival", "Overall survival", "compare/overall-survival/",
     ("median_overall_survival", "overall_survival_rate")),
    ("progression_free_survival", "Progression-free and disease-free survival", "compare/progression-free-survival/",
     ("median_pfs", "progression_free_survival_rate", "median_dfs", "disease_free_survival_rate")),
    ("effect_sizes", "Effect sizes", "compare/effect-sizes/", ("hazard_ratio", "odds_ratio", "relative_risk")),
    ("safety", "Safety", "compare/safety/", ("mortality", "toxicity_rate")),
)
RATIO_KINDS = ("hazard_ratio", "odds_ratio", "relative_risk")
# Proportions of patients, where a Wilson interval means something; survival rates are
# Kaplan-Meier estimates with censoring, so a Wilson interval would mislead there.
PROPORTION_KINDS = ("response_rate", "complete_response", "partial_response", "stable_disease",
                    "disease_control_rate", "toxicity_rate", "mortality")
# A death counts as a safety finding only when its sentence ties it to the treatment;
# "92 of 119 patients had died" at follow-up is an overall survival event.
TREATMENT_DEATH_RE = re.compile(
    r"(?<!un)related|toxic|adverse|perioperative|postoperative|\boperative|complication|sepsis|septic|"
    r"died (?:from|of)|fatal|procedure", re.IGNORECASE)
TIMEPOINT_RE = re.compile(r"^(\d+(?:\.\d+)?)-(day|week|month|year)")
SLUG_RE = re.compile(r"[^a-z0-9]+")
UNIT_MONTHS = {"day": 1 / 30.4375, "week": 7 / 30.4375, "month": 1.0, "year": 12.0}
# A percentage rounded to a whole number is within half a point of numerator / N.
PERCENT_TOLERANCE = 0.55
POOLING_NOTE = ("Studies are shown side by side; a pooled estimate is computed only for an outcome the review "
                "declares comparable, and says so where it is drawn.")
TOPIC_KINDS = (("conditions", "condition", "Condition"), ("interventions", "intervention", "Intervention"))


@dataclass(frozen=True)
class ComparisonRow:
    """One finding of one study, as a row of a comparison table."""

    study_id: str
    study_url: str
    study_label: str
    study_title: str
    year: int | None
    design: str
    n: int | None
    kind: str
    value: float
    unit: str | None
    relation: str = "="
    arm: str | None = None
    timepoint: str | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    ci_computed: bool = False
    ci_level: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    denominator_from_n: bool = False
    p_text: str | None = None
    p_value: float | None = None
    scope: str = "study"
    curated: bool = False
    study_has_authors: bool = False
    endpoint: str | None = None
    topics: str = ""
    # The finding's number in its study (1, 2, ...; its key number ``f-<n>`` on the study page).
    finding: int = 0

    @property
    def kind_label(self) -> str:
        """How the outcome is named in tables and charts."""
        return KIND_LABELS[self.kind][0]

    @property
    def design_label(self) -> str:
        """The design, as tables name it."""
        return DESIGN_LABELS.get(self.design, self.design)

    @property
    def value_text(self) -> str:
        """The value with its unit and relation: "16%", "45.6 months", "< 0.5"."""
        relation = "" if self.relation == "=" else f"{self.relation} "
        number = plain_number(self.value)
        if not self.unit:
            return relation + number
        return f"{relation}{number}%" if self.unit == "%" else f"{relation}{number} {self.unit}"

    @property
    def value_sort(self) -> str:
        """The value for sorting, a time in months whatever its unit ("2 years" -> "24", after "5 months")."""
        unit = (self.unit or "").removesuffix("s")
        return plain_number(self.value * UNIT_MONTHS[unit]) if unit in UNIT_MONTHS else plain_number(self.value)

    @property
    def has_ci(self) -> bool:
        """Whether the row gives an interval (then ``ci_text`` is not empty)."""
        return self.ci_low is not None and self.ci_high is not None

    @property
    def ci_text(self) -> str:
        """The interval as shown: "12–21%", "0.38–0.88", or empty."""
        if not self.has_ci:
            return ""
        suffix = "%" if self.unit == "%" else ""
        if self.ci_computed:
            return f"{self.ci_low:.1f}–{self.ci_high:.1f}{suffix}"
        return f"{plain_number(self.ci_low)}–{plain_number(self.ci_high)}{suffix}"

    @property
    def ci_shown(self) -> str:
        """The interval with its level when that is not 95%: "99.79% CI 0.5–0.9", "0.38–0.88", or empty."""
        if not self.ci_text:
            return ""
        return f"{ci_level_label(self.ci_level)} {self.ci_text}" if not is_95(self.ci_level) else self.ci_text

    @property
    def timepoint_sort(self) -> str:
        """The time point in months for sorting ("5-year" -> "60"), or empty."""
        return plain_number(timepoint_months(self.timepoint)) if self.timepoint else ""

    @property
    def p_display(self) -> str:
        """The p-value as written, without a leading "=": ".01", "< 0.0001"."""
        return (self.p_text or "").removeprefix("=").strip()

    @property
    def count_text(self) -> str:
        """"17/270" when the count and its denominator are known, else empty."""
        if self.numerator is None or self.denominator is None:
            return ""
        return f"{self.numerator}/{self.denominator}"
    study_title_generated: bool = False  # the study's title was made from its abstract: rows mark it
    comparison: tuple[str, str] | None = None  # a ratio's (experimental, control) arms, when settled
    certain: bool = True  # the finding's kind, arm and time point are settled (``Finding.certain``)
    trial: str | None = None  # the trial, when another study reports it too (``trials.TrialGroup.label``)
    trial_reports: int = 0  # how many studies report that trial

    @property
    def key(self) -> str:
        """What names the row in its table and its forest plot alike: "<study id>:<finding number>"."""
        return f"{self.study_id}:{self.finding}"

    @property
    def comparison_text(self) -> str:
        """"nivolumab vs dacarbazine", or empty."""
        return " vs ".join(self.comparison) if self.comparison else ""


@dataclass(frozen=True)
class RowGroup:
    """A table of a comparison page: its heading, its anchor and its rows in order."""

    title: str
    anchor: str
    rows: tuple[ComparisonRow, ...]
    chart: str = ""
    forests: tuple[ForestPlot, ...] = ()

    @property
    def has_computed(self) -> bool:
        """Whether any row shows a Wilson CI computed here."""
        return any(r.ci_computed for r in self.rows)

    @property
    def ci_heading(self) -> str:
        """What the rows' intervals are: "95% CI", "99.79% CI" when all share that level, else "CI"."""
        return ci_heading(r.ci_level for r in self.rows if r.has_ci)


@dataclass(frozen=True)
class StudyEntry:
    """One study in a list: what a reader needs to pick it out."""

    study_id: str
    url: str
    title: str
    label: str
    year: int | None
    design: str
    n: int | None
    conditions: tuple[str, ...]
    interventions: tuple[str, ...]
    headline: tuple[str, ...]
    title_generated: bool = False  # the title was made from the abstract: lists mark it
    trials: tuple[tuple[str, str], ...] = ()  # the trials its abstract names: (key, label), ``trials.trial_keys``
    outcomes: tuple[str, ...] = ()  # the outcomes its own findings measure (``search.outcomes_measured``)

    @property
    def design_label(self) -> str:
        """The design, as tables name it."""
        return DESIGN_LABELS.get(self.design, self.design)

    @property
    def conditions_text(self) -> str:
        """The conditions as one line."""
        return ", ".join(self.conditions)

    @property
    def interventions_text(self) -> str:
        """The interventions as one line."""
        return ", ".join(self.interventions)

    @property
    def headline_text(self) -> str:
        """The headline numbers as one line."""
        return "; ".join(self.headline)


@dataclass(frozen=True)
class StudyList:
    """A headed list of studies on a page (one intervention of a condition, one year)."""

    title: str
    anchor: str
    entries: tuple[StudyEntry, ...]


@dataclass(frozen=True)
class EvidenceMap:
    """Conditions by interventions: ``counts[i][j]`` studies have condition i and intervention j."""

    conditions: tuple[str, ...]
    interventions: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    condition_urls: tuple[str, ...]
    intervention_urls: tuple[str, ...]
    intervention_anchors: tuple[str, ...]

    @property
    def shades(self) -> tuple[tuple[int, int, int], ...]:
        """The legend's shades: ``(level, lowest count, highest count)`` of each (``shade_levels``)."""
        return shade_levels(max((c for row in self.counts for c in row), default=0))


@dataclass(frozen=True)
class CountGrid:
    """Studies counted by two of their traits: ``counts[i][j]`` studies have row i and column j."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    @property
    def shades(self) -> tuple[tuple[int, int, int], ...]:
        """The legend's shades (``shade_levels``)."""
        return shade_levels(max((c for row in self.counts for c in row), default=0))


SHADES = 4


def shade_levels(peak: int) -> tuple[tuple[int, int, int], ...]:
    """``(level, lowest count, highest count)`` of each shade for a map whose fullest cell holds ``peak``
    studies: up to four shades, each about a quarter of the range (a map of 1s and 2s has two)."""
    levels = min(SHADES, peak)
    lows = [1 + (level - 1) * peak // levels for level in range(1, levels + 1)]
    return tuple((level, low, high - 1) for level, low, high in zip(range(1, levels + 1), lows, lows[1:] + [peak + 1]))


def shade(count: int, shades: tuple[tuple[int, int, int], ...]) -> int:
    """The shade of a cell of ``count`` studies (1 to 4), 0 when empty."""
    return next((level for level, low, high in shades if low <= count <= high), 0)


@dataclass(frozen=True)
class ComparisonPage:
    """One cross-study page: its title, its URL under the site root, and the studies on it.

    ``kind`` is one of outcome, condition, intervention, evidence_map, by_year; an outcome
    page fills ``groups``, a topic page ``entries`` and ``lists``, the map ``evidence_map``.
    """

    title: str
    url: str
    study_ids: tuple[str, ...] = ()
    kind: str = "outcome"
    key: str = ""
    summary: str = ""
    groups: tuple[RowGroup, ...] = ()
    entries: tuple[StudyEntry, ...] = ()
    lists: tuple[StudyList, ...] = ()
    evidence_map: EvidenceMap | None = None
    group_by: str = "outcome"
    design_map: CountGrid | None = None  # the evidence map page's second map: designs by outcomes

    @property
    def row_count(self) -> int:
        """How many finding rows the page's tables hold."""
        return sum(len(g.rows) for g in self.groups)

    @property
    def has_endpoints(self) -> bool:
        """Whether any row names the outcome its ratio compares (then an endpoint column is shown)."""
        return any(r.endpoint for g in self.groups for r in g.rows)

    @property
    def has_computed(self) -> bool:
        """Whether any row shows a Wilson CI computed here (then the page explains it)."""
        return any(g.has_computed for g in self.groups)

    @property
    def has_other_scopes(self) -> bool:
        """Whether any row is a cited figure or a design threshold (then a scope column is shown)."""
        return any(r.scope != "study" for g in self.groups for r in g.rows)


@dataclass(frozen=True)
class Comparisons:
    """Every cross-study page of the site."""

    pages: tuple[ComparisonPage, ...] = ()
    # Indexes built once by build_comparisons and never changed: plain dicts (not
    # MappingProxyType) so the value encodes, for a build cache, and pickles, for a worker process.
    memberships: Mapping[str, tuple[ComparisonPage, ...]] = field(default_factory=dict, compare=False, hash=False)
    topic_urls: Mapping[tuple[str, str], str] = field(default_factory=dict, compare=False, hash=False)
    trials: Mapping[str, TrialGroup] = field(default_factory=dict, compare=False, hash=False)  # by study id
    trial_titles: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)  # of those studies

    def pages_for(self, study_id: str) -> tuple[ComparisonPage, ...]:
        """The pages a study appears on, in site order."""
        if self.memberships:
            return self.memberships.get(study_id, ())
        return tuple(p for p in self.pages if study_id in p.study_ids)


def plain_number(value: float) -> str:
    """A number as a reader writes it: 16.0 -> "16", 0.580 -> "0.58"."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6g}"


SLUG_LIMIT = 60


def slugify(name: str) -> str:
    """A URL-safe slug of a name ("Interleukin-2" -> "interleukin-2")."""
    # Capped so a long or hostile taxonomy name cannot make a file name longer than 255 bytes.
    return SLUG_RE.sub("-", name.casefold()).strip("-")[:SLUG_LIMIT].strip("-") or "item"


def study_label(study: Study) -> str:
    """A short label for charts: first author's surname and year, else the title's start."""
    if study.authors:
        name = surname(study.authors[0])
        return f"{name} {study.year}" if study.year else name
    title = study.title if len(study.title) <= 40 else study.title[:39].rstrip() + "…"
    return f"{title} ({study.year})" if study.year else title


def timepoint_months(timepoint: str | None) -> float:
    """A time point in months, for ordering rows ("5-year" -> 60); none sorts first."""
    match = TIMEPOINT_RE.match(timepoint or "")
    return float(match.group(1)) * UNIT_MONTHS[match.group(2)] if match else -1.0


def row_size(study: Study, finding: Finding) -> int | None:
    """The N a row is read against: its denominator, else its arm's n, else (for the whole study) the study's N.

    An arm's result with no known arm size gets no N: the study's total would overstate it.
    """
    if finding.denominator:
        return finding.denominator
    if finding.arm:
        arm = next((a for a in study.extraction.arms if a.name.casefold() == finding.arm.casefold()), None)
        return arm.n if arm is not None and arm.n else None
    return study.extraction.n_total


def computed_interval(finding: Finding, n: int | None) -> tuple[int, int, bool] | None:
    """``(numerator, denominator, denominator_from_n)`` when a Wilson CI can be computed, else None.

    The study's N stands in for a missing denominator only when the percentage confirms it
    ("17 complete responses (6%)" of 270: 17/270 = 6.3%).
    """
    if finding.kind not in PROPORTION_KINDS or finding.unit != "%" or finding.relation != "=":
        return None
    if finding.ci_low is not None or finding.ci_high is not None:
        return None
    denominator, from_n = finding.denominator, False
    if not denominator and finding.numerator is not None and n:
        denominator, from_n = n, True
    if not denominator:
        return None
    numerator = finding.numerator
    if numerator is None:
        numerator = round(finding.value * denominator / 100)
    if not 0 <= numerator <= denominator:
        return None
    if abs(100 * numerator / denominator - finding.value) > PERCENT_TOLERANCE:
        return None
    return numerator, denominator, from_n


# Intervals of more than one level: each one not at 95% says its own.
MIXED_CI = "CI (95% unless marked)"


def is_95(level: float | None) -> bool:
    """Whether an interval is at the usual 95% (an interval whose level was not written is taken to be)."""
    return level is None or level == 95


def ci_level_label(level: float | None) -> str:
    """ "95% CI", "99.79% CI": an interval's level as a label."""
    return f"{plain_number(95.0 if level is None else level)}% CI"


def ci_heading(levels: Iterable[float | None]) -> str:
    """The label for intervals of these levels: their one level ("95% CI", "99.79% CI"), or ``MIXED_CI``."""
    found = {95.0 if level is None else float(level) for level in levels}
    return ci_level_label(found.pop()) if len(found) == 1 else "95% CI" if not found else MIXED_CI


def ci_words(levels: Iterable[float | None]) -> str:
    """The same in words, for captions: "95% confidence intervals", "99.79% confidence intervals"."""
    heading = ci_heading(levels)
    if heading == MIXED_CI:
        return "confidence intervals (95% unless marked)"
    return heading.replace("CI", "confidence intervals")


def build_row(study: Study, finding: Finding, number: int = 0) -> ComparisonRow:
    """A finding (the study's ``number``-th) as a table row, with a Wilson CI where one can honestly be computed."""
    n = row_size(study, finding)
    row = ComparisonRow(
        study_id=study.id, study_url=study.url, study_label=study_label(study), study_title=study.title,
        year=study.year, design=study.extraction.design, n=n, kind=finding.kind, value=finding.value,
        unit=finding.unit, relation=finding.relation, arm=finding.arm, timepoint=finding.timepoint,
        ci_low=finding.ci_low, ci_high=finding.ci_high, ci_level=finding.ci_level, numerator=finding.numerator,
        denominator=finding.denominator, p_text=finding.p_text, p_value=finding.p_value, scope=finding.scope,
        curated=finding.curated, study_has_authors=bool(study.authors),
        endpoint=ratio_endpoint(finding) if finding.kind in RATIO_KINDS else None,
        topics="; ".join(study.extraction.conditions + study.extraction.interventions), finding=number,
        study_title_generated=study.title_generated, certain=finding.certain,
        comparison=ratio_comparison(study.extraction.arms, finding) if finding.kind in RATIO_KINDS else None,
    )
    counts = computed_interval(finding, n)
    if counts is None:
        return row
    numerator, denominator, from_n = counts
    low, high = wilson_percent(numerator, denominator)
    return ComparisonRow(**{**row.__dict__, "ci_low": low, "ci_high": high, "ci_computed": True,
                            "numerator": numerator, "denominator": denominator, "denominator_from_n": from_n})


def belongs_on_page(finding: Finding, scopes: tuple[str, ...]) -> bool:
    """Whether a finding of a kind an outcome page lines up is a row of it: never one whose kind, arm
    or time point the rules could not settle (``Finding.certain``) until a correction confirms it."""
    if not finding.certain or finding.scope not in scopes:
        return False
    return finding.kind != "mortality" or bool(TREATMENT_DEATH_RE.search(finding.sentence))


def row_identity(row: ComparisonRow) -> tuple:
    """What makes two rows the same result of the same study."""
    return (row.study_id, row.kind, row.value, row.unit, row.relation, row.arm, row.timepoint,
            row.ci_low, row.ci_high, row.scope)


def row_order(row: ComparisonRow) -> tuple:
    """Rows by time point, then trial (so a trial's reports stand together), then study, then arm."""
    return (timepoint_months(row.timepoint), (row.trial or row.study_label).casefold(), row.study_label.casefold(),
            row.study_id, (row.arm or "").casefold())


def group_rows(rows: list[ComparisonRow], kinds: tuple[str, ...], group_by: str,
               entries: Mapping[str, StudyEntry], pool: tuple[PoolSpec, ...] = ()) -> tuple[RowGroup, ...]:
    """The page's rows split into tables by ``group_by`` (outcome, design, condition, intervention, none);
    a table of ratios gets its forest plots, pooled where ``pool`` declares."""
    buckets: dict[str, list[ComparisonRow]] = defaultdict(list)
    if group_by == "outcome":
        for row in rows:
            buckets[KIND_LABELS[row.kind][0]].append(row)
        order = [KIND_LABELS[k][0] for k in kinds]
    elif group_by == "design":
        for row in rows:
            buckets[row.design_label].append(row)
        order = list(DESIGN_LABELS.values())
    elif group_by in ("condition", "intervention"):
        attribute = group_by + "s"
        for row in rows:
            names = getattr(entries[row.study_id], attribute) or (f"No {group_by} named",)
            for name in dict.fromkeys(names):
                buckets[name].append(row)
        order = sorted(buckets, key=lambda name: (name.startswith("No "), name.casefold()))
    else:
        buckets["All findings"] = rows
        order = ["All findings"]
    groups = []
    anchors: set[str] = set()
    for title in order:
        if buckets.get(title):
            kept = tuple(sorted(buckets[title], key=lambda r: (kinds.index(r.kind),) + row_order(r)))
            anchor, number = "group-" + slugify(title), 2
            while anchor in anchors:
                anchor, number = f"group-{slugify(title)}-{number}", number + 1
            anchors.add(anchor)
            chart = chart_kind(kept)
            forests = forest_plots(kept, pool, anchor) if chart == "forest" else ()
            groups.append(RowGroup(title, anchor, kept, chart, forests))
    return tuple(groups)


def chart_kind(rows: tuple[ComparisonRow, ...]) -> str:
    """"forest" for ratios, "rates" for percentages, "" when the rows do not share a scale."""
    if rows and all(r.kind in RATIO_KINDS for r in rows):
        return "forest"
    if rows and all(r.unit == "%" for r in rows):
        return "rates"
    return ""


def study_entry(study: Study) -> StudyEntry:
    """A study as a line of a list or table."""
    e = study.extraction
    return StudyEntry(study.id, study.url, study.title, study_label(study), study.year, e.design, e.n_total,
                      e.conditions, e.interventions, headline_numbers(e.findings, e.arms), study.title_generated,
                      trial_keys(study), outcomes_measured(e.findings))


@dataclass(frozen=True)
class ComparisonPart:
    """What the compare stage makes of one study alone: its rows of the outcome pages, as
    ``(page key, row)``, and its entry in lists. Made where the study is read, and cached with it."""

    rows: tuple[tuple[str, ComparisonRow], ...]
    entry: StudyEntry


def chosen_outcome_pages(config: SiteConfig) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """The ``OUTCOME_PAGES`` the config asks for."""
    return tuple(page for page in OUTCOME_PAGES if page[0] in config.comparisons)


def comparison_part(study: Study, config: SiteConfig) -> ComparisonPart:
    """The study's ``ComparisonPart``: its rows of the outcome pages the config asks for, and its entry."""
    page_of_kind = {kind: key for key, _, _, kinds in chosen_outcome_pages(config) for kind in kinds}
    # A number an abstract states twice (summary and conclusion) is one result, one row.
    found: dict[tuple, tuple[str, ComparisonRow]] = {}
    for number, f in enumerate(study.extraction.findings, 1):
        key = page_of_kind.get(f.kind)  # each kind is on one page
        if key is not None and belongs_on_page(f, config.comparison_scopes):
            row = build_row(study, f, number)
            found[row_identity(row)] = (key, row)
    return ComparisonPart(tuple(found.values()), study_entry(study))


def outcome_pages(parts: Sequence[ComparisonPart], entries: Mapping[str, StudyEntry], config: SiteConfig,
                  trials: Mapping[str, TrialGroup] | None = None) -> list[ComparisonPage]:
    """One page per outcome family chosen in the config with at least ``min_studies`` studies; the rows of
    studies that report one trial (``trials``) name it, and the page counts the trial once."""
    chosen = chosen_outcome_pages(config)
    trials = trials or {}
    found: dict[str, list[ComparisonRow]] = {key: [] for key, *_ in chosen}
    for part in parts:
        group = trials.get(part.entry.study_id)
        for key, row in part.rows:
            found[key].append(replace(row, trial=group.label, trial_reports=len(group.study_ids)) if group else row)
    pages = []
    for key, title, url, kinds in chosen:
        rows = found[key]
        ids = tuple(dict.fromkeys(r.study_id for r in rows if r.scope == "study"))
        if len(ids) < config.comparison_min_studies:
            continue
        summary = (f"{len(rows)} {'result' if len(rows) == 1 else 'results'} from "
                   f"{len(ids)} {'study' if len(ids) == 1 else 'studies'}")
        counted = len({trials[i].label if i in trials else i for i in ids})
        summary += f", which report {counted} {'trial' if counted == 1 else 'trials'}." if counted < len(ids) else "."
        pages.append(ComparisonPage(title, url, tuple(sorted(ids)), "outcome", key, summary,
                                    group_rows(rows, kinds, config.comparison_group_by, entries, config.comparison_pool),
                                    group_by=config.comparison_group_by))
    return pages


def topic_slugs(names: list[str], prefix: str) -> dict[str, str]:
    """A distinct URL per name, stable across builds; clashing slugs get a number."""
    urls: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(names, key=lambda n: (n.casefold(), n)):
        slug, number = slugify(name), 2
        while slug in taken:
            slug, number = f"{slugify(name)}-{number}", number + 1
        taken.add(slug)
        urls[name] = f"{prefix}/{slug}/"
    return urls


def topic_anchor(kind: str, name: str, urls: Mapping[tuple[str, str], str]) -> str:
    """The anchor of a name's list on the other axis's pages: "with-" and the name's own (unique) slug."""
    url = urls.get((kind, name))
    return "with-" + (url.rstrip("/").rsplit("/", 1)[-1] if url else slugify(name))


def topic_pages(entries: Sequence[StudyEntry], config: SiteConfig) -> tuple[list[ComparisonPage], dict]:
    """A page per condition and per intervention, each listing its studies by the other axis."""
    pages: list[ComparisonPage] = []
    urls: dict[tuple[str, str], str] = {}
    members: dict[str, dict[str, list[StudyEntry]]] = {}
    for attribute, kind, _ in TOPIC_KINDS:
        members[attribute] = defaultdict(list)
        for s in entries:
            for name in dict.fromkeys(getattr(s, attribute)):
                members[attribute][name].append(s)
        urls.update({(kind, name): url for name, url in topic_slugs(list(members[attribute]), attribute).items()})
    for attribute, kind, label in TOPIC_KINDS:
        if attribute not in config.comparisons:
            continue
        other, other_kind = ("interventions", "intervention") if kind == "condition" else ("conditions", "condition")
        for name in sorted(members[attribute], key=lambda n: (n.casefold(), n)):
            listed = sorted(members[attribute][name], key=lambda s: (-(s.year or 0), s.study_id))
            by_other: dict[str | None, list[StudyEntry]] = defaultdict(list)
            for s in listed:
                for other_name in dict.fromkeys(getattr(s, other)) or (None,):
                    by_other[other_name].append(s)
            lists = tuple(
                StudyList(o or f"No {other_kind} named", topic_anchor(other_kind, o, urls) if o else "with-none",
                          tuple(by_other[o]))
                for o in sorted(by_other, key=lambda n: (n is None, (n or "").casefold(), n or "")))
            count = len(listed)
            pages.append(ComparisonPage(
                f"{label}: {name}", urls[(kind, name)], tuple(sorted(s.study_id for s in listed)), kind, name,
                f"{count} {'study' if count == 1 else 'studies'}.", entries=tuple(listed),
                lists=lists))
    return pages, urls


def evidence_map_page(entries: Sequence[StudyEntry], urls: Mapping[tuple[str, str], str],
                      built: tuple[str, ...]) -> ComparisonPage:
    """Conditions by interventions, each cell the number of studies with both; links only to ``built`` pages."""
    pair_counts: dict[tuple[str, str], int] = defaultdict(int)
    condition_total: dict[str, int] = defaultdict(int)
    intervention_total: dict[str, int] = defaultdict(int)
    for s in entries:
        conditions = tuple(dict.fromkeys(s.conditions))
        interventions = tuple(dict.fromkeys(s.interventions))
        for c in conditions:
            condition_total[c] += 1
            for i in interventions:
                pair_counts[(c, i)] += 1
        for i in interventions:
            intervention_total[i] += 1
    conditions = tuple(sorted(condition_total, key=lambda c: (-condition_total[c], c.casefold(), c)))
    interventions = tuple(sorted(intervention_total, key=lambda i: (-intervention_total[i], i.casefold(), i)))
    grid = EvidenceMap(
        conditions, interventions,
        tuple(tuple(pair_counts.get((c, i), 0) for i in interventions) for c in conditions),
        tuple(urls[("condition", c)] if "conditions" in built else "" for c in conditions),
        tuple(urls[("intervention", i)] if "interventions" in built else "" for i in interventions),
        tuple(topic_anchor("intervention", i, urls) for i in interventions),
    )
    summary = (f"{len(conditions)} conditions by {len(interventions)} interventions; "
               f"each cell counts the studies that name both.")
    return ComparisonPage("Evidence map", "compare/evidence-map/", (), "evidence_map", "evidence_map",
                          summary, evidence_map=grid, design_map=design_outcome_grid(entries))


def design_outcome_grid(entries: Sequence[StudyEntry]) -> CountGrid:
    """Designs by the outcomes their studies measure, each cell the number of studies; empty rows and columns left out."""
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for e in entries:
        for outcome in e.outcomes:
            pairs[(e.design, outcome)] += 1
    designs = tuple(d for d in DESIGN_LABELS if any(pairs.get((d, o)) for o, _ in OUTCOME_KINDS))
    outcomes = tuple(o for o, _ in OUTCOME_KINDS if any(pairs.get((d, o)) for d in designs))
    return CountGrid(tuple(DESIGN_LABELS[d] for d in designs), outcomes,
                     tuple(tuple(pairs.get((d, o), 0) for o in outcomes) for d in designs))


def by_year_page(entries: Sequence[StudyEntry]) -> ComparisonPage:
    """Every study under its publication year, newest first; studies with no year last."""
    years: dict[int | None, list[StudyEntry]] = defaultdict(list)
    for s in sorted(entries, key=lambda s: s.study_id):
        years[s.year].append(s)
    order = sorted((y for y in years if y is not None), reverse=True) + ([None] if None in years else [])
    lists = tuple(StudyList(str(y) if y is not None else "Year not given",
                            f"year-{y}" if y is not None else "year-unknown", tuple(years[y])) for y in order)
    return ComparisonPage("Studies by year", "compare/by-year/", (), "by_year", "by_year",
                          f"{len(entries)} {'study' if len(entries) == 1 else 'studies'}.", lists=lists)


def build_comparisons(parts: Sequence[ComparisonPart], config: SiteConfig) -> Comparisons:
    """The comparison tables, topic pages, evidence map and year list the config asks for, from the
    studies' ``ComparisonPart``s (in id order): no study itself is needed."""
    entries = tuple(part.entry for part in parts)
    trials = group_reports({e.study_id: e.trials for e in entries})
    pages = outcome_pages(parts, {e.study_id: e for e in entries}, config, trials)
    topics, urls = topic_pages(entries, config)
    pages += topics
    if "evidence_map" in config.comparisons and any(e.conditions for e in entries):
        pages.append(evidence_map_page(entries, urls, config.comparisons))
    if "by_year" in config.comparisons and entries:
        pages.append(by_year_page(entries))
    memberships: dict[str, list[ComparisonPage]] = defaultdict(list)
    for page in pages:
        for sid in page.study_ids:
            memberships[sid].append(page)
    titles = {e.study_id: e.title for e in entries if e.study_id in trials}
    return Comparisons(tuple(pages), {k: tuple(v) for k, v in memberships.items()}, urls, trials, titles)
