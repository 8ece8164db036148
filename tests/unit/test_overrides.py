"""Corrections: what each override does, and the exact message each wrong one gets."""

from dataclasses import replace
from pathlib import Path

import pytest

from generator.config import SiteConfig
from generator.diagnostics import InputError
from generator.model import AbstractBlock, Arm, Record
from generator.overrides import Overrides, apply_overrides, load_sidecar, parse_overrides
from generator.pipeline import build_study

RECORD = Record(
    "trial.txt", title="A made-up trial of drug Z", year=2010, blocks=(
        AbstractBlock("Methods", "Forty adults with stage IV disease received drug Z 5 mg daily."),
        AbstractBlock("Results", "The response rate was 30% (12 of 40). Median overall survival was 14.2 months. "
                                 "Grade 3 toxicity occurred in 10%."),
    ))
MULTI = [Record("set.nbib", pmid="111", title="One"), Record("set.nbib", doi="10.5/ABC", title="Two"),
         Record("set.nbib", title="Three")]


def study():
    return build_study(RECORD, "trial", SiteConfig(), Overrides())


def corrected(yml: str):
    return apply_overrides(study(), parse_overrides(yml, "trial.yml", [RECORD]).get(0, Overrides()))


def messages(yml: str, records=(RECORD,)) -> list[str]:
    with pytest.raises(InputError) as caught:
        apply_overrides(study(), parse_overrides(yml, "trial.yml", list(records)).get(0, Overrides()))
    return [str(d) for d in caught.value.diagnostics]


@pytest.mark.parametrize("yml, field, value", [
    ("title: Better title", "title", "Better title"),
    ("authors: [Doe J, Roe R]", "authors", ("Doe J", "Roe R")),
    ("journal: J Imag Trials", "journal", "J Imag Trials"),
    ("year: 2011", "year", 2011),
    ("doi: 10.1/xyz", "doi", "10.1/xyz"),
    ("pmid: 123456", "pmid", "123456"),
    ("publication_types: [Clinical Trial]", "publication_types", ("Clinical Trial",)),
    ("mesh_terms: [Humans]", "mesh_terms", ("Humans",)),
    ("added: 2024-05-31", "added", "2024-05-31"),
    ("added: '2024-05-31'", "added", "2024-05-31"),
])
def test_metadata_field_wins_and_is_curated(yml, field, value):
    fixed = corrected(yml)
    assert getattr(fixed, field) == value
    assert fixed.curated_fields == (() if field == "added" else (field,))


@pytest.mark.parametrize("yml, field, value", [
    ("design: randomized_trial", "design", "randomized_trial"),
    ("phase: I/II", "phase", "I/II"),
    ("n_total: 41", "n_total", 41),
    ("conditions: [melanoma]", "conditions", ("melanoma",)),
    ("interventions: [drug Z]", "interventions", ("drug Z",)),
    ("arms: [{name: drug Z, n: 40}, placebo]", "arms", (Arm("drug Z", 40), Arm("placebo"))),
])
def test_extraction_field_wins(yml, field, value):
    fixed = corrected(yml)
    assert getattr(fixed.extraction, field) == value
    assert fixed.curated_fields == (field,)


def test_title_correction_is_not_generated():
    assert corrected("title: T").title_generated is False


def test_added_finding_points_at_its_sentence():
    fixed = corrected("findings:\n  add:\n    - {kind: p_value, value: 0.04, text: '14.2 months', section: results}\n")
    added = fixed.extraction.findings[-1]
    results = next(s for s in fixed.sections if s.label == "results")
    assert (added.kind, added.value, added.section, added.curated) == ("p_value", 0.04, "results", True)
    assert results.text[added.start:added.end] == "14.2 months"
    assert added.sentence == "Median overall survival was 14.2 months."
    assert fixed.curated_fields == ("findings",)


def test_fix_changes_only_the_matched_finding():
    before = study().extraction.findings
    target = next(f for f in before if f.kind == "response_rate")
    fixed = corrected(f"findings:\n  fix:\n    - match: {{kind: response_rate, text: '{target.text}'}}\n"
                      f"      set: {{value: 31, arm: drug Z}}\n")
    after = next(f for f in fixed.extraction.findings if f.kind == "response_rate")
    assert (after.value, after.arm, after.curated, after.start, after.text) == (31, "drug Z", True, target.start,
                                                                               target.text)
    assert len(fixed.extraction.findings) == len(before)


def test_drop_removes_every_match():
    before = study().extraction.findings
    fixed = corrected("findings:\n  drop:\n    - {kind: response_rate}\n")
    assert [f for f in fixed.extraction.findings if f.kind == "response_rate"] == []
    assert len(fixed.extraction.findings) == len(before) - sum(f.kind == "response_rate" for f in before)


def uncertain_study():
    """The study with its response rate marked as the rules leave a finding whose arm they guessed."""
    base = study()
    findings = tuple(replace(f, arm="drug Z", uncertain="arm") if f.kind == "response_rate" else f
                     for f in base.extraction.findings)
    return replace(base, extraction=replace(base.extraction, findings=findings))


def test_confirm_makes_an_uncertain_finding_certain_as_it_is():
    before = uncertain_study()
    target = next(f for f in before.extraction.findings if f.kind == "response_rate")
    assert target.certain is False
    edits = parse_overrides("findings:\n  confirm:\n    - {kind: response_rate, text: '30%', arm: drug Z}\n",
                            "trial.yml", [RECORD])[0]
    fixed = apply_overrides(before, edits)
    after = next(f for f in fixed.extraction.findings if f.kind == "response_rate")
    assert after == replace(target, curated=True)
    assert after.certain is True
    assert [f for f in fixed.extraction.findings if f.kind != "response_rate"] == [
        f for f in before.extraction.findings if f.kind != "response_rate"]
    assert fixed.curated_fields == ("findings",)


def test_confirm_that_matches_nothing_names_its_line():
    assert messages("findings:\n  confirm:\n    - {kind: response_rate, text: '31%'}\n") == [
        "trial.yml:3:7: error: findings.confirm[0]: matches no finding (kind 'response_rate', text '31%')"]


def test_confirm_needs_a_match():
    assert messages("findings:\n  confirm:\n    - {}\n") == [
        "trial.yml:3:7: error: findings.confirm[0]: say which finding: give at least one of kind, text, value, "
        "arm, timepoint, section"]


def test_drops_apply_before_fixes():
    fixed = corrected("findings:\n  drop:\n    - {kind: toxicity_rate}\n"
                      "  fix:\n    - match: {kind: response_rate}\n      set: {kind: toxicity_rate}\n")
    assert [f.text for f in fixed.extraction.findings if f.kind == "toxicity_rate"] == ["30%"]


@pytest.mark.parametrize("yml, expected", [
    ("titel: x", ["trial.yml:1:1: error: unknown field 'titel'; did you mean 'title'?"]),
    ("colour: red", ["trial.yml:1:1: error: unknown field 'colour'; expected one of: title, authors, journal, "
                     "year, doi, pmid, publication_types, mesh_terms, design, phase, n_total, conditions, "
                     "interventions, arms, added, findings"]),
    ("year: '2019a'", ["trial.yml:1:7: error: year: expected a whole number like 2017, found str '2019a'"]),
    ("year: 19", ["trial.yml:1:7: error: year: expected a whole number like 2017, found int '19'"]),
    ("title: [a, b]", ["trial.yml:1:8: error: title: expected text, found a list"]),
    ("authors: Doe J", ["trial.yml:1:10: error: authors: expected a list of text, found str 'Doe J'"]),
    ("authors: [Doe J, 3]", ["trial.yml:1:18: error: authors[1]: expected text, found int '3'"]),
    ("n_total: -4", ["trial.yml:1:10: error: n_total: expected a whole number of 0 or more, found int '-4'"]),
    ("added: 31/05/2024", ["trial.yml:1:8: error: added: expected a date like 2024-05-31, found str '31/05/2024'"]),
    ("added: 2024-02-30", ["trial.yml:1:8: error: added: expected a date like 2024-05-31, "
                           "found timestamp '2024-02-30'"]),
    ("design: randomised_trial", ["trial.yml:1:9: error: design: unknown design 'randomised_trial'; "
                                 "did you mean 'randomized_trial'?"]),
    ("phase: 3", ["trial.yml:1:8: error: phase: expected one of: I, I/II, II, II/III, III, IV, found int '3'"]),
    ("arms: [{n: 3}]", ["trial.yml:1:8: error: arms[0]: an arm needs a 'name'"]),
    ("title: a\ntitle: b", ["trial.yml:2:1: error: field 'title' is given twice"]),
    ("- title", ["trial.yml:1:1: error: expected a mapping, found a list"]),
    ("findings: [x]", ["trial.yml:1:11: error: findings: expected a mapping, found a list"]),
    ("findings: {ad: []}", ["trial.yml:1:12: error: findings: unknown key 'ad'; did you mean 'add'?"]),
    ("findings:\n  add:\n    - {kind: respons_rate, value: 3, text: '30%'}",
     ["trial.yml:3:14: error: findings.add[0].kind: unknown finding kind 'respons_rate'; "
      "did you mean 'response_rate'?"]),
    ("findings:\n  add:\n    - {kind: p_value, valu: 3, text: '30%'}",
     ["trial.yml:3:23: error: findings.add[0]: unknown field 'valu'; did you mean 'value'?"]),
    ("findings:\n  add:\n    - {kind: p_value, text: '30%'}",
     ["trial.yml:3:7: error: findings.add[0]: an added finding needs value"]),
    ("findings:\n  add:\n    - {kind: p_value, value: high, text: '30%'}",
     ["trial.yml:3:30: error: findings.add[0].value: expected a number, found str 'high'"]),
    ("findings:\n  add:\n    - {kind: p_value, value: 1, text: '30%', section: result}",
     ["trial.yml:3:55: error: findings.add[0].section: unknown section 'result'; did you mean 'results'?"]),
    ("findings:\n  fix:\n    - {match: {kind: dose}}",
     ["trial.yml:3:7: error: findings.fix[0]: a fix needs both 'match' and 'set'"]),
    ("findings:\n  drop:\n    - {}",
     ["trial.yml:3:7: error: findings.drop[0]: say which finding: give at least one of kind, text, value, arm, "
      "timepoint, section"]),
    ("findings:\n  drop:\n    - {kind: hazard_ratio}",
     ["trial.yml:3:7: error: findings.drop[0]: matches no finding (kind 'hazard_ratio')"]),
    ("findings:\n  fix:\n    - match: {kind: p_value, text: 'P = 0.9'}\n      set: {value: 1}",
     ["trial.yml:3:7: error: findings.fix[0]: matches no finding (kind 'p_value', text 'P = 0.9')"]),
    ("findings:\n  add:\n    - {kind: p_value, value: 1, text: 'not in the abstract'}",
     ["trial.yml:3:7: error: findings.add[0].text: 'not in the abstract' does not occur in any section of the "
      "abstract (sections: methods, results)"]),
    ("findings:\n  add:\n    - {kind: p_value, value: 1, text: '30%', section: methods}",
     ["trial.yml:3:7: error: findings.add[0].text: '30%' does not occur in the methods section of the abstract "
      "(sections: methods, results)"]),
    ("year: 2019\ntitle: \"open", ["trial.yml:2:13: error: invalid YAML: found unexpected end of stream "
                                  "while scanning a quoted scalar that starts at line 2, column 8"]),
    ("title: x: y", ["trial.yml:1:9: error: invalid YAML: mapping values are not allowed here"]),
    ("---\na: 1\n---\nb: 2", ["trial.yml:3:1: error: invalid YAML: expected a single document in the stream, "
                              "but found another document"]),
    ("a: &x [1]\nb: *x", ["trial.yml:1:4: error: YAML anchors and aliases are not allowed here"]),
    ("!!python/object:os.system x", ["trial.yml:1:1: error: YAML tags are not allowed here "
                                     "(found 'tag:yaml.org,2002:python/object:os.system')"]),
    ("title: T\nrecords: {}", []),
])
def test_wrong_override_gets_exact_message(yml, expected):
    if not expected:
        assert corrected(yml).title == "T"
        return
    assert messages(yml) == expected


def test_every_problem_is_reported_at_once():
    assert len(messages("titel: x\nyear: soon\ndesign: rct\n")) == 3


def test_billion_laughs_is_refused_before_it_is_built():
    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9))
    assert messages(lol) == ["trial.yml:1:4: error: YAML anchors and aliases are not allowed here"]


@pytest.mark.parametrize("yml, chosen", [
    ("records:\n  '111': {title: First}", {0: "First"}),
    ("records:\n  pmid-111: {title: First}", {0: "First"}),
    ("records:\n  10.5/abc: {title: Second}", {1: "Second"}),
    ("records:\n  set-3: {title: Third}\n  doi-10-5-abc: {year: 2001}", {2: "Third", 1: None}),
])
def test_per_record_corrections_by_id_pmid_or_doi(yml, chosen):
    parsed = parse_overrides(yml, "set.yml", MULTI)
    assert sorted(parsed) == sorted(chosen)
    for index, title in chosen.items():
        assert dict(parsed[index].fields).get("title") == title


@pytest.mark.parametrize("yml, expected", [
    ("title: X", "set.yml:1:1: error: this file holds 3 records: put corrections under 'records:', "
                 "keyed by study id, PMID or DOI"),
    ("records:\n  '112': {title: X}", "set.yml:2:3: error: records: no record in this file has the id, PMID or "
                                      "DOI '112'; did you mean '111'?"),
    ("records:\n  '111': {titl: X}", "set.yml:2:11: error: unknown field 'titl'; did you mean 'title'?"),
])
def test_per_record_mistakes(yml, expected):
    with pytest.raises(InputError) as caught:
        parse_overrides(yml, "set.yml", MULTI)
    assert [str(d) for d in caught.value.diagnostics] == [expected]


def test_front_matter_corrections_and_sidecar_wins(tmp_path: Path):
    md = tmp_path / "hand.md"
    md.write_text("---\ntitle: Hand entered\ndesign: case_report\nn_total: 1\n---\n# T\n\nResults: 30% responded.\n")
    (tmp_path / "hand.yml").write_text("n_total: 2\n")
    record = Record("hand.md", title="Hand entered", overrides=(("design", "case_report"), ("n_total", 1)))
    overrides, problems, used = load_sidecar(tmp_path, md, [record])
    assert (problems, used.name) == ([], "hand.yml")
    assert overrides[0].fields == (("design", "case_report"), ("n_total", 1), ("n_total", 2))
    assert dict(overrides[0].fields)["n_total"] == 2


def test_front_matter_mistake_has_its_file_line(tmp_path: Path):
    md = tmp_path / "hand.md"
    md.write_text("---\ntitle: Hand entered\ndesing: case_report\n---\nResults: 30% responded.\n")
    record = Record("hand.md", title="Hand entered", overrides=(("desing", "case_report"),))
    overrides, problems, _ = load_sidecar(tmp_path, md, [record])
    assert [str(p) for p in problems] == ["hand.md:3:1: error: unknown field 'desing'; did you mean 'design'?"]
    assert overrides[0].rejected
    with pytest.raises(InputError):
        apply_overrides(study(), overrides[0])


def test_per_record_corrections_through_the_pipeline(tmp_path: Path):
    from generator.pipeline import collect

    abstract = "AB  - Results: The response rate was {r}% ({x} of 40). Median overall survival was 9.1 months.\n"
    (tmp_path / "set.nbib").write_text(
        "PMID- 9000001\nTI  - First made-up trial\n" + abstract.format(r=20, x=8) + "\n"
        "PMID- 9000002\nTI  - Second made-up trial\n" + abstract.format(r=30, x=12) + "\n")
    (tmp_path / "set.yml").write_text("records:\n  '9000002':\n    design: randomized_trial\n"
                                      "    findings:\n      drop: [{kind: median_overall_survival}]\n")
    collection = collect(tmp_path, SiteConfig())
    assert collection.diagnostics == ()
    first, second = collection.studies
    assert first.curated_fields == ()
    assert (second.extraction.design, second.curated_fields) == ("randomized_trial", ("design", "findings"))
    assert "median_overall_survival" in {f.kind for f in first.extraction.findings}
    assert "median_overall_survival" not in {f.kind for f in second.extraction.findings}


@pytest.mark.parametrize("seed_yml", ["title: x", "findings: {add: [{kind: p_value, value: 1, text: '30%'}]}"])
def test_arbitrary_text_never_raises_anything_but_input_error(seed_yml):
    hypothesis = pytest.importorskip("hypothesis")
    strategies = hypothesis.strategies

    @hypothesis.settings(max_examples=150, deadline=None, derandomize=True)
    @hypothesis.given(strategies.text(alphabet=strategies.sampled_from(list(seed_yml + ":-[]{}&*!'\"\n #|>")),
                                      max_size=80))
    def check(text):
        try:
            apply_overrides(study(), parse_overrides(text, "fuzz.yml", [RECORD]).get(0, Overrides()))
        except InputError as exc:
            assert all(str(d).startswith("fuzz.yml") for d in exc.diagnostics)

    check()


@pytest.mark.parametrize("data, expected", [
    (b"title: \xff\xfe bad\n", "trial.yml: error: not UTF-8 text (byte 7)"),
    (b"title: x\n" + b"#" * (1024 * 1024), "trial.yml: error: file is 1,048,585 bytes; the limit is 1,048,576 bytes"),
])
def test_unreadable_sidecar_gets_exact_message(tmp_path: Path, data, expected):
    (tmp_path / "trial.txt").write_text("Results: The response rate was 30%.\n")
    (tmp_path / "trial.yml").write_bytes(data)
    _, problems, _ = load_sidecar(tmp_path, tmp_path / "trial.txt", [RECORD])
    assert [str(p) for p in problems] == [expected]
