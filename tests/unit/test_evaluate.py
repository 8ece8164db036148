"""Gold scoring, and the seeds held to their gold file."""

import json
from pathlib import Path

import pytest

from generator.config import load_config
from generator.evaluate import evaluate, finding_matches, passed, report
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
