"""site_config.yml: what a good file gives, and the exact message for every kind of mistake."""

import time
from pathlib import Path

import pytest

from generator.config import SiteConfig, Term, load_config, parse_config


def test_good_config():
    config, problems = parse_config(
        "title: Kidney review\ndescription: IL-2 studies\nbase_url: https://example.org/r/\n"
        "taxonomy:\n  conditions:\n    renal cell carcinoma: [RCC, kidney cancer]\n"
        "  interventions:\n    interleukin-2: [IL-2, aldesleukin]\n")
    assert problems == []
    assert (config.title, config.base_url) == ("Kidney review", "https://example.org/r/")
    assert config.conditions == (Term("renal cell carcinoma", ("RCC", "kidney cancer")),)
    assert config.interventions == (Term("interleukin-2", ("IL-2", "aldesleukin")),)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_empty_config_gives_defaults(text):
    assert parse_config(text) == (SiteConfig(), [])


@pytest.mark.parametrize("text, expected", [
    ("title: [x\n", ["site_config.yml:2:1: error: invalid YAML: expected ',' or ']', but got '<stream end>'"]),
    ("title: 'x\nbase_url: /\n", ["site_config.yml:3:1: error: invalid YAML: found unexpected end of stream "
                                  "while scanning a quoted scalar that starts at line 1, column 8"]),
    ("title: a: b\n", ["site_config.yml:1:9: error: invalid YAML: mapping values are not allowed here"]),
    ("title: X\n\tbad: 1\n", ["site_config.yml:2:1: error: invalid YAML: found character '\\t' that cannot "
                              "start any token"]),
    ("title: a\n---\ntitle: b\n", ["site_config.yml:2:1: error: invalid YAML: expected a single document in the "
                                  "stream, but found another document"]),
    ("titel: X\n", ["site_config.yml:1:1: error: site_config: unknown key 'titel'; did you mean 'title'?"]),
    ("colour: red\n", ["site_config.yml:1:1: error: site_config: unknown key 'colour'; expected one of: title, "
                       "description, base_url, repo_url, taxonomy, comparisons"]),
    ("title: 3\n", ["site_config.yml:1:8: error: title: expected text, found int '3'"]),
    ("base_url: [a]\n", ["site_config.yml:1:11: error: base_url: expected text, found a list"]),
    ("title: " + "[" * 60 + "]" * 60 + "\n",
     ["site_config.yml:1:57: error: invalid YAML: lists or mappings nested more than 50 deep"]),
    ("title: T\nbase_url: \"javascript:alert(1)\"\n", ["site_config.yml:2:11: error: base_url: expected an http:// "
                                                        "or https:// address like https://example.org/review/, "
                                                        "found str 'javascript:alert(1)'"]),
    ("repo_url: ftp://example.org/r\nbase_url: http://\n",
     ["site_config.yml:1:11: error: repo_url: expected an http:// or https:// address like "
      "https://example.org/review/, found str 'ftp://example.org/r'",
      "site_config.yml:2:11: error: base_url: expected an http:// or https:// address like "
      "https://example.org/review/, found str 'http://'"]),
    ("base_url: https://exa mple.org/\n", ["site_config.yml:1:11: error: base_url: expected an http:// or https:// "
                                          "address like https://example.org/review/, found str "
                                          "'https://exa mple.org/'"]),
    ("title:\n", ["site_config.yml:1:7: error: title: expected text, found nothing"]),
    ("- x\n", ["site_config.yml:1:1: error: site_config: expected a mapping, found a list"]),
    ("title: a\ntitle: b\n", ["site_config.yml:2:1: error: site_config: key 'title' is given twice"]),
    ("taxonomy: [a]\n", ["site_config.yml:1:11: error: taxonomy: expected a mapping, found a list"]),
    ("taxonomy: {condition: {}}\n", ["site_config.yml:1:12: error: taxonomy: unknown key 'condition'; "
                                     "did you mean 'conditions'?"]),
    ("taxonomy:\n  conditions:\n    melanoma: skin\n",
     ["site_config.yml:3:15: error: taxonomy.conditions.melanoma: expected a list of text, found str 'skin'"]),
    ("taxonomy:\n  conditions:\n    melanoma: [1]\n",
     ["site_config.yml:3:16: error: taxonomy.conditions.melanoma: expected text, found int '1'"]),
    ("taxonomy:\n  conditions:\n    melanoma: [skin cancer]\n    renal: [Melanoma]\n",
     ["site_config.yml:4:5: error: taxonomy.conditions: synonym 'Melanoma' is claimed by both 'melanoma' "
      "and 'renal'"]),
    ("taxonomy:\n  interventions:\n    IL-2: [aldesleukin]\n    proleukin: [ALDESLEUKIN]\n",
     ["site_config.yml:4:5: error: taxonomy.interventions: synonym 'ALDESLEUKIN' is claimed by both 'IL-2' "
      "and 'proleukin'"]),
    ("comparisons: {group_by: year}\n", ["site_config.yml:1:25: error: comparisons.group_by: expected one of: "
                                         "outcome, design, condition, intervention, none, found 'year'"]),
    ("comparisons: {min_studies: 0}\n", ["site_config.yml:1:28: error: comparisons.min_studies: expected a whole "
                                         "number of at least 1, found int '0'"]),
    ("a: &a [x]\nb: *a\n", ["site_config.yml:1:4: error: YAML anchors and aliases are not allowed here"]),
    ("title: !!python/object/apply:os.system [echo hi]\n",
     ["site_config.yml:1:8: error: YAML tags are not allowed here "
      "(found 'tag:yaml.org,2002:python/object/apply:os.system')"]),
    ("title: !custom x\n", ["site_config.yml:1:8: error: YAML tags are not allowed here (found '!custom')"]),
])
def test_bad_config_exact_message(text, expected):
    assert [str(d) for d in parse_config(text)[1]] == expected


def test_every_problem_at_once():
    problems = parse_config("titel: X\ndescription: 4\ntaxonomy: {conditions: {a: [b], c: [B]}}\n")[1]
    assert [str(d) for d in problems] == [
        "site_config.yml:1:1: error: site_config: unknown key 'titel'; did you mean 'title'?",
        "site_config.yml:2:14: error: description: expected text, found int '4'",
        "site_config.yml:3:33: error: taxonomy.conditions: synonym 'B' is claimed by both 'a' and 'c'",
    ]


def test_billion_laughs_is_refused_quickly():
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(9)]
    started = time.perf_counter()
    problems = parse_config("\n".join(lines) + "\n")[1]
    assert [str(d) for d in problems] == ["site_config.yml:1:4: error: YAML anchors and aliases are not allowed here"]
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("data, expected", [
    (b"title: \xff\xfe bad\n", "site_config.yml: error: not UTF-8 text (byte 7)"),
    (b"title: x\n" + b"#" * (1024 * 1024),
     "site_config.yml: error: file is 1,048,585 bytes; the limit is 1,048,576 bytes"),
])
def test_bad_config_file(tmp_path: Path, data, expected):
    path = tmp_path / "site_config.yml"
    path.write_bytes(data)
    assert [str(d) for d in load_config(path)[1]] == [expected]


def test_missing_config_gives_defaults(tmp_path: Path):
    assert load_config(tmp_path / "site_config.yml") == (SiteConfig(), [])


def test_bom_is_read(tmp_path: Path):
    path = tmp_path / "site_config.yml"
    path.write_bytes(b"\xef\xbb\xbftitle: BOM\n")
    assert load_config(path)[0].title == "BOM"
