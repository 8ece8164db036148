"""Compare stage, forest plots: a page's ratio rows -> one ``ForestPlot`` per ratio, outcome and design.

In: the ``ComparisonRow``s of a table and the outcomes the reviewer declared poolable
(``SiteConfig.comparison_pool``). Out: ``ForestPlot``s that keep hazard ratios for overall
survival apart from those for progression-free survival, and randomized trials apart from
observational studies; each row names its study in full and its comparison (experimental vs
control). A pooled estimate is made only where the config declares the outcome, from certain
findings, one result per trial, by a random-effects meta-analysis: statsmodels' method, in a few
lines of arithmetic (loading statsmodels, SciPy and pandas cost a build 1.6 s and 120 MB; the
tests hold the two to the same results).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from statistics import NormalDist
from typing import TYPE_CHECKING, Iterable

from generator.config import PoolSpec
from generator.extract.controls import CONTROL_NAME_RE
from generator.model import Arm, Finding

if TYPE_CHECKING:
    from generator.compare import ComparisonRow

RATIO_NAMES = {"hazard_ratio": ("Hazard ratio", "HR"), "odds_ratio": ("Odds ratio", "OR"),
               "relative_risk": ("Relative risk", "RR")}
# Designs by how far their comparisons can be trusted to be like for like; never drawn on one axis.
DESIGN_CLASSES = {"randomized_trial": "randomized", "meta_analysis": "pooled", "systematic_review": "pooled",
                  "pooled_analysis": "pooled"}
DESIGN_CLASS_LABELS = {"randomized": "randomized trials", "observational": "observational and non-randomized studies",
                       "pooled": "meta-analyses and pooled analyses"}
DESIGN_CLASS_ORDER = ("randomized", "observational", "pooled")
# Outcomes whose event is bad (death, progression, relapse): a ratio below 1 favours the experimental arm.
HARM_OUTCOMES = {"Overall survival", "Progression-free survival", "Disease-free survival", "Relapse-free survival",
                 "Local progression", "Recurrence", "Mortality"}
# A hazard ratio is the hazard of the outcome's event; an odds ratio or relative risk of a survival
# outcome may be of surviving or of dying, so only its event outcomes and response say which way is better.
EVENT_OUTCOMES = {"Local progression", "Recurrence", "Mortality"}
# An arm that is the comparator by its name: placebo, observation, surgery alone, no HAI.
CONTROL_ARM_RE = re.compile(CONTROL_NAME_RE.pattern + r"|^(?:no|non)[\s-]|\bwithout\b|\balone\b", re.IGNORECASE)
# "compared with X, Y ...": the arm right after these words is the comparator.
VERSUS_BEFORE_RE = re.compile(r"(?:compared\s(?:with|to)|versus|vs\.?|relative\sto|against|over)\s+(?:the\s+)?$",
                              re.IGNORECASE)
# What a ratio compares, named in its sentence: the last mention before the number wins (tried only at the
# letters a mention starts with: the look-ahead).
ENDPOINT_RE = re.compile(
    r"(?=[opdrlm])(?:(?P<os>overall survival|\bOS\b)|(?P<pfs>progression[- ]free survival|\bPFS\b)|"
    r"(?P<dfs>disease[- ]free survival|\bDFS\b)|(?P<rfs>(?:relapse|recurrence)[- ]free survival|\bRFS\b)|"
    r"(?P<ltp>local (?:tumou?r )?progression)|(?P<response>response)|(?P<recurrence>recurrence|relapse)|"
    r"(?P<mortality>mortality|death))", re.IGNORECASE)
ENDPOINT_LABELS = {"os": "Overall survival", "pfs": "Progression-free survival", "dfs": "Disease-free survival",
                   "rfs": "Relapse-free survival", "ltp": "Local progression", "response": "Response",
                   "recurrence": "Recurrence", "mortality": "Mortality"}
POOL_METHOD = (
    "Random-effects meta-analysis of the log ratios, τ² by the Paule–Mandel method, as statsmodels computes it "
    "(statsmodels.stats.meta_analysis.combine_effects, method_re=\"iterated\"); each study's standard error comes from its "
    "reported confidence interval. The prediction interval is the pooled log ratio ± t(k − 2) · √(τ² + SE²) "
    "(Higgins, Thompson and Spiegelhalter 2009), given from 3 studies on. I² and τ² describe how far the "
    "studies' results differ beyond chance.")
# Paule and Mandel's iteration ends where Q(τ²) is this close to k − 1, or after this many steps (statsmodels').
PM_TOLERANCE, PM_STEPS = 1e-5, 50


def ratio_comparison(arms: tuple[Arm, ...], finding: Finding) -> tuple[str, str] | None:
    """``(experimental, control)`` of a ratio, when the study's arms and the finding's sentence settle them.

    The finding's own arm is the experimental one against the study's only other arm; else, of
    two arms, the one named as a comparator (placebo, observation, "surgery alone", "no HAI") is
    the control; else the arm the sentence names first is the experimental one, unless "compared
    with" comes before it; else, when the sentence names one arm only ("in favor of the combined
    modality arm (HR 0.58)"), that arm against the other. Anything else (three arms, no arm named)
    is not settled: None.
    """
    names = list(dict.fromkeys(a.name for a in arms))
    if len(names) != 2:
        return None
    if finding.arm:
        others = [n for n in names if n.casefold() != finding.arm.casefold()]
        return (finding.arm, others[0]) if len(others) == 1 else None
    controls = [n for n in names if CONTROL_ARM_RE.search(n)]
    if len(controls) == 1:
        return next(n for n in names if n != controls[0]), controls[0]
    where = {n: _mention(finding.sentence, n) for n in names}
    named = [n for n in names if where[n] >= 0]
    if len(named) == 1:
        return named[0], next(n for n in names if n != named[0])
    if not named:
        return None
    first, second = sorted(names, key=where.__getitem__)
    if VERSUS_BEFORE_RE.search(finding.sentence[:where[first]]):
        return second, first
    return first, second


def _mention(sentence: str, name: str) -> int:
    """Where the sentence first names an arm as a whole word, or -1."""
    match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence, re.IGNORECASE)
    return match.start() if match else -1


def ratio_endpoint(finding: Finding) -> str | None:
    """The outcome a ratio compares, from its sentence: the nearest mention before it, else the first after."""
    where = max(finding.sentence.find(finding.text), 0)
    before = list(ENDPOINT_RE.finditer(finding.sentence, 0, where))
    match = before[-1] if before else ENDPOINT_RE.search(finding.sentence)
    return ENDPOINT_LABELS[match.lastgroup] if match else None


def design_class(design: str) -> str:
    """"randomized", "observational" or "pooled": which designs share a forest plot."""
    return DESIGN_CLASSES.get(design, "observational")


def pool_outcome(endpoint: str | None) -> str:
    """The config's name of an outcome ("Overall survival" -> "overall_survival")."""
    return re.sub(r"[^a-z]+", "_", (endpoint or "").casefold()).strip("_")


def lower_favours_experimental(kind: str, endpoint: str | None) -> bool | None:
    """Whether a ratio below 1 favours the experimental arm (True), above 1 does (False), or neither is known."""
    if endpoint == "Response" and kind in ("odds_ratio", "relative_risk"):
        return False
    if kind == "hazard_ratio" and endpoint in HARM_OUTCOMES or endpoint in EVENT_OUTCOMES:
        return True
    return None


@dataclass(frozen=True)
class Pooled:
    """A random-effects estimate over ``k`` studies, as ratios (back from the log scale)."""

    k: int
    value: float
    ci_low: float
    ci_high: float
    i2: float
    tau2: float
    pi_low: float | None = None
    pi_high: float | None = None
    left_out: tuple[str, ...] = ()  # why a study or trial on the plot was not pooled, one line each
    method: str = POOL_METHOD


@dataclass(frozen=True)
class ForestPlot:
    """One forest plot: one ratio of one outcome, from studies of one class of design."""

    kind: str
    endpoint: str | None
    design: str
    anchor: str
    rows: tuple[ComparisonRow, ...]
    pooled: Pooled | None = None
    declared: bool = False  # the config declares this outcome poolable

    @property
    def title(self) -> str:
        """"Hazard ratio for overall survival: randomized trials"."""
        outcome = f"for {self.endpoint.lower()}" if self.endpoint else "for an outcome the abstract does not name"
        return f"{RATIO_NAMES[self.kind][0]} {outcome}: {DESIGN_CLASS_LABELS[self.design]}"

    @property
    def comparisons(self) -> tuple[tuple[str, str], ...]:
        """The rows' distinct comparisons, in row order."""
        return tuple(dict.fromkeys(r.comparison for r in self.rows if r.comparison))

    @property
    def favours(self) -> tuple[str, str] | None:
        """The labels either side of 1 ("Favours nivolumab", "Favours dacarbazine"), when every row names its
        arms and the outcome says which way is better; the arms' own names when all rows compare the same."""
        lower = lower_favours_experimental(self.kind, self.endpoint)
        if lower is None or not self.rows or any(r.comparison is None for r in self.rows):
            return None
        arms = self.comparisons[0] if len(self.comparisons) == 1 else ("the experimental arm", "the control arm")
        left, right = arms if lower else arms[::-1]
        return f"Favours {left}", f"Favours {right}"


def forest_plots(rows: Iterable[ComparisonRow], pool: tuple[PoolSpec, ...], anchor: str) -> tuple[ForestPlot, ...]:
    """The certain ratio rows split by ratio, outcome and design class, in a fixed order; the plots the
    config declares poolable carry a pooled estimate where at least two trials allow one."""
    buckets: dict[tuple[str, str | None, str], list[ComparisonRow]] = defaultdict(list)
    for row in rows:
        if row.kind in RATIO_NAMES and row.certain and row.value > 0:
            buckets[(row.kind, row.endpoint, design_class(row.design))].append(row)
    plots = []
    for kind, endpoint, design in sorted(buckets, key=lambda k: (
            list(RATIO_NAMES).index(k[0]), k[1] is None, k[1] or "", DESIGN_CLASS_ORDER.index(k[2]))):
        kept = tuple(buckets[(kind, endpoint, design)])
        declared = PoolSpec(kind, pool_outcome(endpoint), design) in pool and endpoint is not None
        slug = "-".join(p for p in (kind, pool_outcome(endpoint) or "unnamed", design)).replace("_", "-")
        plots.append(ForestPlot(kind, endpoint, design, f"{anchor}-{slug}", kept,
                                pooled_estimate(kept) if declared else None, declared))
    return tuple(plots)


def standard_error(row: ComparisonRow) -> float | None:
    """The standard error of a ratio's log from its reported interval (at its own level), or None."""
    if row.ci_low is None or row.ci_high is None or row.ci_computed or not 0 < row.ci_low < row.ci_high:
        return None
    level = 95.0 if row.ci_level is None else row.ci_level
    z = NormalDist().inv_cdf(0.5 + level / 200)
    return (math.log(row.ci_high) - math.log(row.ci_low)) / (2 * z)


def pooling_rows(rows: tuple[ComparisonRow, ...]) -> tuple[list[ComparisonRow], list[str]]:
    """The rows to pool, one per trial, and why each trial left out was left out.

    A trial counts once: its reports that give the same ratio are one result (the first with an
    interval is taken); a trial with different ratios for this outcome, or none with an interval,
    is left out, since which one to pool is the reviewer's call."""
    trials: dict[str, list[ComparisonRow]] = defaultdict(list)
    for row in rows:
        trials[row.trial or row.study_id].append(row)
    kept, left_out = [], []
    for trial, members in trials.items():
        name = members[0].trial or members[0].study_label
        if len({(r.value, r.relation) for r in members}) > 1:
            left_out.append(f"{name}: {len(members)} different results for this outcome")
            continue
        usable = [r for r in members if r.relation == "=" and standard_error(r) is not None]
        if not usable:
            left_out.append(f"{name}: no confidence interval to weigh it by")
            continue
        kept.append(usable[0])
    return kept, left_out


def pooled_estimate(rows: tuple[ComparisonRow, ...]) -> Pooled | None:
    """The random-effects estimate of these rows (``pooling_rows``), or None under two trials."""
    kept, left_out = pooling_rows(rows)
    if len(kept) < 2:
        return None
    effects = [math.log(r.value) for r in kept]
    variances = [standard_error(r) ** 2 for r in kept]
    k, tau2 = len(kept), paule_mandel(effects, variances)
    mean, weight = weighted_mean(effects, [1 / (v + tau2) for v in variances])
    se = math.sqrt(1 / weight)
    z = NormalDist().inv_cdf(0.975)
    fixed, _ = weighted_mean(effects, [1 / v for v in variances])
    q = math.fsum((e - fixed) ** 2 / v for e, v in zip(effects, variances))
    i2 = max(0.0, 1 - (k - 1) / q) * 100 if q > 0 else 0.0
    pi = None
    if k >= 3:
        reach = t_quantile(0.975, k - 2) * math.sqrt(tau2 + se ** 2)
        pi = (math.exp(mean - reach), math.exp(mean + reach))
    return Pooled(k, math.exp(mean), math.exp(mean - z * se), math.exp(mean + z * se), i2, tau2,
                  *(pi or (None, None)), left_out=tuple(left_out))


def weighted_mean(values: list[float], weights: list[float]) -> tuple[float, float]:
    """The weighted mean of ``values`` and the sum of the weights."""
    total = math.fsum(weights)
    return math.fsum(w * v for w, v in zip(weights, values)) / total, total


def paule_mandel(effects: list[float], variances: list[float]) -> float:
    """τ², the between-study variance, by Paule and Mandel's iteration (DerSimonian and Kacker 2007,
    appendix 8) as statsmodels runs it: from 0, Newton steps on Q(τ²) = k − 1; 0 where Q falls below."""
    tau2 = 0.0
    for _ in range(PM_STEPS):
        weights = [1 / (v + tau2) for v in variances]
        mean, _ = weighted_mean(effects, weights)
        squares = [(e - mean) ** 2 for e in effects]
        excess = math.fsum(w * s for w, s in zip(weights, squares)) - (len(effects) - 1)
        if excess < 0:
            return 0.0
        if abs(excess) <= PM_TOLERANCE:
            break
        tau2 += excess / math.fsum(w * w * s for w, s in zip(weights, squares))
    return tau2


def t_quantile(p: float, df: int) -> float:
    """The ``p`` quantile (p > 0.5) of Student's t with ``df`` degrees of freedom, found by bisection on
    its distribution function."""
    target, low, high = 2 * p - 1, 0.0, 1.0
    while t_central(high, df) < target:
        low, high = high, high * 2
    for _ in range(200):
        middle = (low + high) / 2
        if middle in (low, high):
            break
        low, high = (middle, high) if t_central(middle, df) < target else (low, middle)
    return (low + high) / 2


def t_central(x: float, df: int) -> float:
    """P(|T| ≤ x) for Student's t with a whole number ``df`` of degrees of freedom, in closed form
    (Abramowitz and Stegun 26.7.3 and 26.7.4)."""
    theta = math.atan2(x, math.sqrt(df))
    cos2, term = math.cos(theta) ** 2, 1.0 if df % 2 == 0 else math.cos(theta)
    total = term
    for j in range(2 if df % 2 == 0 else 3, df, 2):
        term *= (j - 1) / j * cos2
        total += term
    if df % 2 == 0:
        return math.sin(theta) * total
    return 2 / math.pi * (theta + (math.sin(theta) * total if df > 1 else 0.0))
