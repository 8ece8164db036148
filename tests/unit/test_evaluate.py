"""Gold scoring, and the seeds held to their gold file."""

import json
from pathlib import Path

import pytest

from generator.config import load_config
from generator.cli import main
from generator.evaluate import (evaluate, evaluate_exhaustive, exhaustive_passed, exhaustive_report, finding_matches,
                                passed, report)
from generator.export import study_dict
from generator.pipeline import collect

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("gold, found, ok", [
    ({"kind": "mortality", "value": 92, "denominator": 119}, {"kind": "mortality", "value": 77.3, "numerator": 92, "denominator": 119}, True),
    ({"kind": "mortality", "value": 77.3}, {"kind": "mortality", "value": 77.3}, True),
    ({"kind": ["median_pfs", "time_to_event_other"], "value": 16}, {"kind": "time_to_event_other", "value": 16}, True),
    ({"kind": "hazard_ratio", "value": 0.58, "p_value": 0.01}, {"kind": "hazard_ratio", "value": 0.58}, False),
    ({"kind": "hazard_ratio", "value": 0.58}, {"kind": "odds_ratio", "value": 0.58}, False),
    ({"kind": "overall_survival_rate", "value": 56.9, "arm": "combined", "timepoint": "3-year"},
     {"kind": "overall_survival_rate", "value": 56.9, "arm": "combined modality", "timepoint": "3-year"}, True),
    ({"kind": "overall_survival_rate", "value": 56.9, "scope": "cited"},
     {"kind": "overall_survival_rate", "value": 56.9, "scope": "study"}, False),
])
def test_finding_matches(gold, found, ok):
    assert finding_matches(gold, found) is ok


def test_precision_and_recall_per_kind():
    gold = "- source: a.txt\n  design: case_report\n  findings:\n    - {kind: mortality, value: 6}\n"
    studies = [{"source": "a.txt", "design": "case_report", "findings": [
        {"kind": "mortality", "value": 6, "text": "6"}, {"kind": "dose", "value": 5, "text": "5"}]}]
    score = evaluate(gold, studies)
    assert (score.kinds["mortality"].found, score.kinds["mortality"].gold) == (1, 1)
    assert (score.kinds["dose"].correct, score.kinds["dose"].extracted) == (0, 1)
    assert report(score).splitlines()[-2] == f"{'all':30} {'1/1':>14} {'1/2':>14}"
    assert passed(score)


@pytest.mark.parametrize("gold_file, content", [
    ("tests/gold/seeds.yml", "content"),
    ("tests/annotated/gold.yml", "tests/annotated/content"),
])
def test_build_holds_to_gold(gold_file, content):
    config, problems = load_config(ROOT / "site_config.yml", "site_config.yml")
    assert problems == []
    collection = collect(ROOT / content, config)
    studies = [json.loads(json.dumps(study_dict(s))) for s in collection.studies]
    score = evaluate((ROOT / gold_file).read_text(encoding="utf-8"), studies)
    assert passed(score), report(score, verbose=True)


EXHAUSTIVE_GOLD = """\
- source: a.txt
  design: [randomized_trial]
  n_total: 120
  title: 'Drug Q: a trial'
  findings:
    - {kind: response_rate, value: 31.0, arm: drug Q}
    - {kind: response_rate, value: 20.0, arm: placebo}
    - {kind: hazard_ratio, value: 0.62, ci_low: 0.41, ci_high: 0.93}
    - {kind: [median_pfs, time_to_event_other], value: 7.1, timepoint: 1-year}
    - {kind: median_overall_survival, value: 14.2}
    - {kind: p_value, value: '<.001'}
    - {kind: dose, value: 5.0, required: false}
  other_numbers: [2019]
- source: gone.txt
  n_total: 10
  findings:
    - {kind: mortality, value: 2.0}
"""


def shown(kind, value, certain=True, **fields):
    return {"kind": kind, "value": value, "text": str(value), "sentence": f"It was {value}.", "certain": certain,
            **fields}


EXHAUSTIVE_STUDIES = [{
    "source": "sub/a.txt", "design": "randomized_trial", "n_total": 60, "title": "Drug Q - a trial!",
    "findings": [
        shown("response_rate", 31, arm="drug Q"),
        shown("response_rate", 20, certain=False, arm="placebo"),
        shown("hazard_ratio", 0.62, ci_low=0.41, ci_high=0.8),
        shown("median_pfs", 7.1),
        shown("count_other", 14.2),
        shown("p_value", 0.001),
        shown("dose", 5),
        shown("count_other", 2019),
        shown("count_other", 99),
        shown("count_other", 98, certain=False),
    ]}]


def test_exhaustive_sorts_each_required_finding_and_counts_what_is_shown_as_certain():
    score = evaluate_exhaustive(EXHAUSTIVE_GOLD, EXHAUSTIVE_STUDIES)
    assert exhaustive_report(score) == "\n".join([
        "  gone.txt: not in the site",
        "fields: design 1/1, n_total 0/2, title 1/1",
        "required findings:",
        "  fully right                                   3 (43%)",
        "  kind and value right, an attribute wrong      2 (29%)",
        "  value found under another kind                1 (14%)",
        "  not found                                     1 (14%)",
        "  attributes wrong: ci 1, timepoint 1",
        "  fully right and shown as certain (what reaches comparison pages): 2/3 (67%)",
        "corpus: required findings 3/7 (43%) fully right; value precision 87.5% (1 spurious of 8)",
    ])
    assert exhaustive_passed(score) is False


def test_exhaustive_verbose_lists_every_miss_by_file_in_order():
    lines = exhaustive_report(evaluate_exhaustive(EXHAUSTIVE_GOLD, EXHAUSTIVE_STUDIES), verbose=True).splitlines()
    assert lines[:7] == [
        "  a.txt: n_total want 120 got 60",
        "  a.txt: an attribute wrong: want {'kind': 'hazard_ratio', 'value': 0.62, 'ci_low': 0.41, 'ci_high': 0.93}",
        "  a.txt: an attribute wrong: want {'kind': ['median_pfs', 'time_to_event_other'], 'value': 7.1, "
        "'timepoint': '1-year'}",
        "  a.txt: another kind: count_other: want {'kind': 'median_overall_survival', 'value': 14.2}",
        "  a.txt: spurious count_other=99 in 'It was 99.'",
        "  gone.txt: not in the site",
        "  gone.txt: n_total want 10 got None",
    ]
    assert lines[7] == "  gone.txt: not found: want {'kind': 'mortality', 'value': 2.0}"


def test_exhaustive_passes_only_when_everything_is_right_and_certain():
    gold = "- source: a.txt\n  n_total: 5\n  findings:\n    - {kind: mortality, value: 2.0}\n"
    right = [{"source": "a.txt", "n_total": 5, "findings": [shown("mortality", 2)]}]
    assert exhaustive_passed(evaluate_exhaustive(gold, right)) is True
    unsure = [{"source": "a.txt", "n_total": 5, "findings": [shown("mortality", 2, certain=False)]}]
    assert exhaustive_passed(evaluate_exhaustive(gold, unsure)) is False


def test_eval_exhaustive_on_content_written_for_it(tmp_path, capsys):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "q.md").write_text(
        "---\ntitle: Drug Q in gastric cancer\n---\n\n## RESULTS\n\nForty patients received drug Q. "
        "The overall response rate was 31% (12 of 40).\n", encoding="utf-8")
    (tmp_path / "gold.yml").write_text(
        "- source: q.md\n  n_total: 40\n  title: Drug Q in gastric cancer\n  findings:\n"
        "    - {kind: response_rate, value: 31.0, denominator: 40}\n    - {kind: median_pfs, value: 5.0}\n",
        encoding="utf-8")
    code = main(["eval", str(tmp_path / "gold.yml"), "--content", str(tmp_path / "content"), "--exhaustive",
                 "--config", str(tmp_path / "none.yml")])
    assert code == 1
    assert capsys.readouterr().out.splitlines() == [
        "fields: n_total 1/1, title 1/1",
        "required findings:",
        "  fully right                                   1 (50%)",
        "  kind and value right, an attribute wrong      0 (0%)",
        "  value found under another kind                0 (0%)",
        "  not found                                     1 (50%)",
        "  fully right and shown as certain (what reaches comparison pages): 1/1 (100%)",
        "corpus: required findings 1/2 (50%) fully right; value precision 100.0% (0 spurious of 1)",
    ]
