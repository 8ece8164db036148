"""Markdown with front matter: metadata, overrides, body sections, errors with file:line."""

import pytest

from generator.diagnostics import InputError
from generator.model import AbstractBlock, SourceText
from generator.readers.markdown_fm import read_markdown


def read(text: str):
    """The one record of a Markdown text."""
    [record] = read_markdown(SourceText("study.md", text))
    return record


def test_front_matter_and_overrides():
    record = read("---\ntitle: A study\nauthors: Smith AB\nyear: 2020\npmid: 42\ndesign: case_report\n"
                  "findings:\n  - {kind: dose, value: 5}\n---\n## Results\nIt worked.\n")
    assert (record.title, record.authors, record.year, record.pmid) == ("A study", ("Smith AB",), 2020, "42")
    assert record.overrides == (("design", "case_report"), ("findings", [{"kind": "dose", "value": 5}]))
    assert record.blocks == (AbstractBlock("Results", "It worked."),)


def test_body_without_front_matter_takes_title_from_h1():
    record = read("# Hand-entered study\n\nBACKGROUND: Why. RESULTS: What.\n")
    assert record.title == "Hand-entered study"
    assert record.blocks == (AbstractBlock(None, "BACKGROUND: Why. RESULTS: What."),)


@pytest.mark.parametrize("text, message", [
    ("---\ntitle: [unclosed\n---\nBody.", "study.md:3:1: error: invalid YAML in front matter: "
                                          "expected ',' or ']', but got '<stream end>'"),
    ("---\ntitle: A\nyear: soon\n---\nBody.", "study.md:3: error: front matter 'year' must be a whole number "
                                              "like 2017 (1800-2100), found 'soon'"),
    ("---\ntitle: A\njournal: [J1, J2]\n---\n", "study.md:3: error: front matter 'journal' must be text, found list"),
    ("---\nauthors: {a: 1}\n---\n", "study.md:2: error: front matter 'authors' must be a list of text, found dict"),
    ("---\n- a\n- b\n---\n", "study.md:2: error: front matter must be a mapping of keys to values, found list"),
    ("---\ntitle: A\n", "study.md:1: error: front matter opened with '---' on line 1 is never closed "
                        "(expected a second '---' line)"),
])
def test_errors(text, message):
    with pytest.raises(InputError) as caught:
        read(text)
    assert str(caught.value) == message
