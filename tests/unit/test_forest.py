"""Forest plots and opt-in pooling (generator/forest.py): comparisons, plots apart, the pooled estimate."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import t
from statsmodels.stats.meta_analysis import combine_effects

from generator.compare import ComparisonRow
from generator.config import PoolSpec, parse_config
from generator.forest import forest_plots, pooled_estimate, ratio_comparison, t_quantile
from generator.model import Arm, Finding

OS = PoolSpec("hazard_ratio", "overall_survival", "randomized")


def ratio(study: str, value: float, low: float | None, high: float | None, **fields) -> ComparisonRow:
    """An invented hazard ratio for overall survival from a randomized trial."""
    values = {"study_id": study, "study_url": f"studies/{study}.html", "study_label": study.title(),
              "study_title": f"Trial {study}", "year": 2020, "design": "randomized_trial", "n": 200,
              "kind": "hazard_ratio", "value": value, "unit": None, "ci_low": low, "ci_high": high,
              "endpoint": "Overall survival", "comparison": ("drug", "placebo"), "finding": 1}
    values.update(fields)
    return ComparisonRow(**values)


def finding(sentence: str, arm: str | None = None) -> Finding:
    return Finding(kind="hazard_ratio", value=0.5, text="0.5", section="results", sentence=sentence, start=0, end=3,
                   arm=arm)


@pytest.mark.parametrize("arms, sentence, arm, expected", [
    (("nivolumab", "dacarbazine"), "OS was longer in the nivolumab group than in the dacarbazine group (HR 0.42).",
     None, ("nivolumab", "dacarbazine")),
    (("LV5FU2", "FOLFOX4"), "DFS rates were 73% and 67% in the FOLFOX4 and LV5FU2 groups (HR 0.80).",
     None, ("FOLFOX4", "LV5FU2")),
    (("LV5FU2", "FOLFOX4"), "Compared with LV5FU2, FOLFOX4 reduced the risk of recurrence (HR 0.77).",
     None, ("FOLFOX4", "LV5FU2")),
    (("UFT/LV", "surgery alone"), "The hazard ratio was 0.56.", None, ("UFT/LV", "surgery alone")),
    (("HAI", "no HAI"), "Longer OS with HAI: 0.67.", None, ("HAI", "no HAI")),
    (("combined modality", "systemic treatment"), "OS in favor of the combined modality arm (HR 0.58).",
     None, ("combined modality", "systemic treatment")),
    (("a", "b"), "The hazard ratio was 0.5.", "b", ("b", "a")),
    (("a", "b"), "The hazard ratio was 0.5.", None, None),
    (("a", "b", "c"), "Arm a against arm b: 0.5.", None, None),
    (("a", "b", "c"), "0.5.", "a", None),
])
def test_a_ratio_names_its_experimental_and_control_arms_only_when_settled(arms, sentence, arm, expected):
    assert ratio_comparison(tuple(Arm(n) for n in arms), finding(sentence, arm)) == expected


def test_plots_keep_outcomes_designs_and_ratios_apart_in_a_fixed_order():
    rows = (ratio("a", 0.5, 0.3, 0.8), ratio("b", 0.7, 0.5, 0.9, endpoint="Progression-free survival"),
            ratio("c", 0.6, 0.4, 0.9, design="retrospective_cohort"), ratio("d", 0.8, 0.6, 1.1, endpoint=None),
            ratio("e", 2.0, 1.2, 3.3, kind="odds_ratio", endpoint="Response"),
            ratio("f", 0.9, 0.6, 1.2, design="meta_analysis"), ratio("g", 0.4, 0.2, 0.8, certain=False))
    assert [(p.title, [r.study_id for r in p.rows]) for p in forest_plots(rows, (), "g")] == [
        ("Hazard ratio for overall survival: randomized trials", ["a"]),
        ("Hazard ratio for overall survival: observational and non-randomized studies", ["c"]),
        ("Hazard ratio for overall survival: meta-analyses and pooled analyses", ["f"]),
        ("Hazard ratio for progression-free survival: randomized trials", ["b"]),
        ("Hazard ratio for an outcome the abstract does not name: randomized trials", ["d"]),
        ("Odds ratio for response: randomized trials", ["e"]),
    ]


def test_the_pooled_estimate_is_statsmodels_random_effects_on_the_log_ratios():
    rows = (ratio("a", 0.42, 0.25, 0.73, ci_level=99.79), ratio("b", 0.8, 0.48, 1.35), ratio("c", 0.56, 0.38, 0.83))
    pooled = pooled_estimate(rows)
    effects = np.log([0.42, 0.8, 0.56])
    z = np.array([3.0764, 1.959964, 1.959964])  # the 99.79% and 95% two-sided normal quantiles
    se = (np.log([0.73, 1.35, 0.83]) - np.log([0.25, 0.48, 0.38])) / (2 * z)
    by_hand = combine_effects(effects, se ** 2, method_re="iterated")
    frame = by_hand.summary_frame().loc["random effect"]
    assert pooled.k == 3
    assert pooled.value == pytest.approx(math.exp(frame["eff"]), rel=1e-4)
    assert (pooled.ci_low, pooled.ci_high) == pytest.approx((math.exp(frame["ci_low"]), math.exp(frame["ci_upp"])),
                                                            rel=1e-4)
    assert pooled.tau2 == pytest.approx(by_hand.tau2, rel=1e-3)
    assert pooled.i2 == pytest.approx(by_hand.i2 * 100, rel=1e-3)
    assert (round(pooled.value, 3), round(pooled.ci_low, 3), round(pooled.ci_high, 3)) == (0.55, 0.386, 0.785)
    # Higgins, Thompson and Spiegelhalter's prediction interval: t with k - 2 = 1 degree of freedom.
    reach = t.ppf(0.975, 1) * math.sqrt(by_hand.tau2 + by_hand.sd_eff_w_re ** 2)
    assert (pooled.pi_low, pooled.pi_high) == pytest.approx(
        (math.exp(frame["eff"] - reach), math.exp(frame["eff"] + reach)), rel=1e-3)
    assert (round(pooled.pi_low, 4), round(pooled.pi_high, 2)) == (0.013, 23.24)


@pytest.mark.parametrize("seed", range(40))
def test_the_pooled_estimate_is_statsmodels_own_on_any_set_of_trials(seed):
    # The arithmetic is ours (statsmodels takes 1.6 s to load); statsmodels is the reference it is held to.
    chance = np.random.default_rng(seed)
    k = int(chance.integers(2, 15))
    values = np.exp(chance.normal(-0.3, chance.uniform(0.01, 0.8), k))
    spread = np.exp(chance.uniform(0.05, 1.2, k))
    rows = tuple(ratio(f"s{i}", float(v), float(v / s), float(v * s)) for i, (v, s) in enumerate(zip(values, spread)))
    pooled = pooled_estimate(rows)
    se = np.array([(math.log(r.ci_high) - math.log(r.ci_low)) / (2 * 1.959963984540054) for r in rows])
    reference = combine_effects(np.log([r.value for r in rows]), se ** 2, method_re="iterated")
    frame = reference.summary_frame().loc["random effect"]
    assert pooled.tau2 == pytest.approx(reference.tau2, rel=1e-9, abs=1e-12)
    assert pooled.i2 == pytest.approx(max(0.0, reference.i2) * 100, rel=1e-9, abs=1e-9)
    assert (pooled.value, pooled.ci_low, pooled.ci_high) == pytest.approx(
        tuple(math.exp(frame[c]) for c in ("eff", "ci_low", "ci_upp")), rel=1e-9)
    if k >= 3:
        reach = t.ppf(0.975, k - 2) * math.sqrt(reference.tau2 + reference.sd_eff_w_re ** 2)
        assert (pooled.pi_low, pooled.pi_high) == pytest.approx(
            (math.exp(frame["eff"] - reach), math.exp(frame["eff"] + reach)), rel=1e-9)


@pytest.mark.parametrize("df", [*range(1, 40), 99, 500])
def test_the_t_quantile_is_scipys(df):
    assert t_quantile(0.975, df) == pytest.approx(t.ppf(0.975, df), rel=1e-12)


def test_pooling_is_never_by_default_and_never_from_an_uncertain_finding_or_a_trial_twice():
    rows = (ratio("a", 0.5, 0.3, 0.8), ratio("b", 0.7, 0.5, 0.9), ratio("c", 0.2, 0.1, 0.4, certain=False))
    plot, = forest_plots(rows, (), "g")
    assert plot.pooled is None and not plot.declared
    plot, = forest_plots(rows, (OS,), "g")
    assert plot.pooled.k == 2 and plot.pooled.pi_low is None
    assert plot.pooled.value == pytest.approx(pooled_estimate(rows[:2]).value)
    # Two reports of one trial giving the same ratio count once; a trial giving two ratios is left out.
    same = (ratio("a", 0.5, 0.3, 0.8, trial="NCT01721772"), ratio("b", 0.5, 0.35, 0.75, trial="NCT01721772"),
            ratio("c", 0.7, 0.5, 0.9), ratio("d", 0.6, 0.4, 0.9, finding=1), ratio("d", 0.9, 0.6, 1.3, finding=2),
            ratio("e", 0.8, None, None))
    pooled = pooled_estimate(same)
    assert pooled.k == 2
    assert pooled.left_out == ("D: 2 different results for this outcome", "E: no confidence interval to weigh it by")
    assert pooled_estimate((ratio("a", 0.5, 0.3, 0.8),)) is None


@pytest.mark.parametrize("text, messages", [
    ("comparisons:\n  pool: overall_survival\n",
     ["site_config.yml:2:9: error: comparisons.pool: expected a list of outcomes to pool, found str 'overall_survival'"]),
    ("comparisons:\n  pool:\n    - {effect: hazard_ratio}\n",
     ["site_config.yml:3:7: error: comparisons.pool: 'outcome' is missing; expected one of: overall_survival, "
      "progression_free_survival, disease_free_survival, relapse_free_survival, local_progression, response, "
      "recurrence, mortality"]),
    ("comparisons:\n  pool:\n    - {effect: hazard_ratio, outcome: overal_survival, design: rct}\n",
     ["site_config.yml:3:39: error: comparisons.pool.outcome: unknown value 'overal_survival'; did you mean "
      "'overall_survival'?; expected one of: overall_survival, progression_free_survival, disease_free_survival, "
      "relapse_free_survival, local_progression, response, recurrence, mortality",
      "site_config.yml:3:64: error: comparisons.pool.design: unknown value 'rct'; expected one of: randomized, "
      "observational"]),
    ("comparisons:\n  pool:\n    - {effect: hazard_ratio, outcome: response}\n"
     "    - {effect: hazard_ratio, outcome: response, design: randomized}\n",
     ["site_config.yml:4:7: error: comparisons.pool: hazard_ratio of response (randomized) is given twice"]),
])
def test_pool_declarations_are_checked_with_file_line_and_column(text, messages):
    config, diagnostics = parse_config(text)
    assert [str(d) for d in diagnostics] == messages


def test_a_declared_pool_is_read():
    config, diagnostics = parse_config("comparisons:\n  pool:\n    - effect: odds_ratio\n      outcome: response\n"
                                       "      design: observational\n")
    assert diagnostics == []
    assert config.comparison_pool == (PoolSpec("odds_ratio", "response", "observational"),)

