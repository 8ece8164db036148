"""``litreview check``'s per-study report: exact lines for crafted studies."""

from __future__ import annotations

import pytest

from generator.model import Arm, Extraction, Finding, Record, Section, Study
from generator.overrides import apply_overrides, parse_overrides
from generator.report import (SourceFile, check_report, confirm_match, describe_finding, finding_line, study_flags,
                              verify_report)

SENTENCE = "Median OS was 22 months (95% CI, 18 to not reached; P = .01)."


def finding(**changes) -> Finding:
    base = dict(kind="median_overall_survival", value=22.0, text="22", section="results",
                sentence=SENTENCE, start=14, end=16, unit="months")
    return Finding(**{**base, **changes})


def study(findings=(), n_total=None, **extraction) -> Study:
    return Study(
        id="s1", source="s1.txt", title="A trial", title_generated=False, authors=(), journal=None,
        year=None, doi=None, pmid=None, publication_types=(), mesh_terms=(),
        sections=(Section("results", "Results", SENTENCE),),
        extraction=Extraction(n_total=n_total, findings=tuple(findings), **extraction),
    )


@pytest.mark.parametrize("changes, expected", [
    ({}, 'Median overall survival: 22 months ("22")'),
    ({"ci_low": 18.0, "p_text": "P = .01"}, 'Median overall survival: 22 months ("22"); 95% CI 18 to not reached; P = .01'),
    ({"kind": "hazard_ratio", "value": 0.58, "text": "0.58", "unit": None, "ci_low": 0.38, "ci_high": 0.88,
      "ci_level": 99.79}, 'Hazard ratio: 0.58 ("0.58"); 99.79% CI 0.38 to 0.88'),
    ({"kind": "response_rate", "value": 16.0, "unit": "%", "text": "16%", "numerator": 43, "denominator": 270,
      "computed": ("value",)}, 'Overall response rate: 16 % ("16%"); 43/270; computed: value'),
    ({"relation": "<", "arm": "IL-2", "timepoint": "5-year", "scope": "cited", "curated": True},
     'Median overall survival: <22 months ("22"); arm: IL-2; at 5-year; cited figure; curated'),
    ({"scope": "design"}, 'Median overall survival: 22 months ("22"); design threshold'),
    ({"kind": "dose", "value": 1_400_000.0, "unit": "U", "text": "1.4–2.1 × 10 6"}, 'Dose: 1400000 U ("1.4–2.1 × 10 6")'),
])
def test_describe_finding(changes, expected):
    assert describe_finding(finding(**changes)) == expected


@pytest.mark.parametrize("findings, n_total, expected", [
    ([finding()], 119, []),
    ([finding()], None, ["no sample size found"]),
    ([finding(kind="dose"), finding(kind="p_value")], 30, ["no outcome found"]),
    ([], None, ["no sample size found", "no outcome found"]),
])
def test_flags(findings, n_total, expected):
    assert study_flags(study(findings, n_total)) == expected


def test_check_report_lists_each_finding_with_its_sentence_and_the_flags():
    report = check_report((study([finding()], None, design="randomized_trial", phase="III",
                                 arms=(Arm("IL-2", 60), Arm("observation"))),))
    assert report == "\n".join([
        "s1.txt: s1",
        "  title: A trial",
        "  design: Randomized trial, phase III; N: not found",
        "  arms: IL-2 (n=60); observation",
        "  conditions: none found",
        "  interventions: none found",
        "  findings: 1",
        '    - Median overall survival: 22 months ("22")',
        f'      results: "{SENTENCE}"',
        "  flag: no sample size found",
        "",
        "1 of 1 studies flagged: s1",
    ])


def test_an_uncertain_finding_says_what_is_unsettled():
    assert describe_finding(finding(arm="IL-2", uncertain="kind,arm")) == (
        'Median overall survival: 22 months ("22"); arm: IL-2; to verify: kind, arm')
    assert describe_finding(finding(arm="IL-2", uncertain="arm", curated=True)) == (
        'Median overall survival: 22 months ("22"); arm: IL-2; curated')


def test_check_lists_each_finding_to_verify_with_its_line_sentence_and_corrections():
    raw = "A trial\n\nResults\nMedian OS was\n22 months (95% CI, 18 to not reached; P = .01).\n"
    source = SourceFile("content/s1.txt", raw, "content/s1.yml")
    doubtful = finding(arm="IL-2", uncertain="arm")
    report = check_report((study([finding(kind="follow_up"), doubtful], 40),), {"s1.txt": source})
    assert report.split("\n")[7:] == [
        '    - Follow-up: 22 months ("22")',
        f'      results: "{SENTENCE}"',
        '    - Median overall survival: 22 months ("22"); arm: IL-2; to verify: arm',
        f'      results: "{SENTENCE}"',
        "  to verify: 1 (kept off the comparisons until a correction settles it)",
        '    - content/s1.txt:5: Median overall survival: 22 months ("22"); arm: IL-2; to verify: arm',
        f'      results: "{SENTENCE}"',
        "      right as it is: in content/s1.yml, under findings: confirm:",
        "        - {kind: median_overall_survival, text: '22', arm: IL-2}",
        "      else: in content/s1.yml, under findings: fix:",
        "        - {match: {kind: median_overall_survival, text: '22', arm: IL-2}, set: {arm: <the right arm>}}",
        "",
        "0 of 1 studies flagged",
        "1 finding to verify in 1 study: s1",
    ]


def test_the_suggested_confirm_settles_the_finding():
    doubtful = finding(arm="IL-2", uncertain="arm")
    entry = next(line for line in verify_report(study([doubtful]), None) if line.startswith("        - {kind"))
    sidecar = "findings:\n  confirm:\n" + entry[4:] + "\n"
    record = Record("s1.txt")
    confirmed = apply_overrides(study([doubtful]), parse_overrides(sidecar, "s1.yml", [record])[0])
    assert [f.certain for f in confirmed.extraction.findings] == [True]


def test_a_record_of_a_file_of_several_is_corrected_under_records():
    lines = verify_report(study([finding(uncertain="timepoint")]), None, records=2)
    assert lines[3:] == [
        "      right as it is: in s1.yml, under records: s1: findings: confirm:",
        "        - {kind: median_overall_survival, text: '22'}",
        "      else: in s1.yml, under records: s1: findings: fix:",
        "        - {match: {kind: median_overall_survival, text: '22'}, set: {timepoint: <the right time point>}}",
    ]


def test_a_match_the_kind_and_text_leave_open_names_the_section():
    twice = (finding(uncertain="kind"), finding(section="conclusions"))
    assert confirm_match(study(twice), twice[0]) == {"kind": "median_overall_survival", "text": "22",
                                                     "section": "results"}


@pytest.mark.parametrize("raw, expected", [
    ("Results\nMedian OS was 22 months\n", 2),
    ("Median OS was 22 months. Median OS was 22 months.\nthen\n", 1),
    ("Median&nbsp;OS was\n22", 2),
    ("nothing here", None),
])
def test_finding_line(raw, expected):
    assert finding_line(raw, study([finding()]), finding()) == expected
