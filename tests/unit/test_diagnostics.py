"""Compiler-style messages: where, severity, what."""

import pytest

from generator.diagnostics import Diagnostic, InputError, error, warning


@pytest.mark.parametrize("diagnostic, text", [
    (error("content/x.txt", "file is empty"), "content/x.txt: error: file is empty"),
    (error("a.nbib", "cut off", 3), "a.nbib:3: error: cut off"),
    (error("a.yml", "unknown field 'x'", 2, 5), "a.yml:2:5: error: unknown field 'x'"),
    (warning("b.yml", "no content file"), "b.yml: warning: no content file"),
    (warning("b.ris", "duplicate", 7, None), "b.ris:7: warning: duplicate"),
    (Diagnostic("c.md", "col without line", "error", None, 4), "c.md: error: col without line"),
])
def test_diagnostic_text(diagnostic, text):
    assert str(diagnostic) == text


def test_input_error_carries_every_diagnostic():
    problems = (error("a.yml", "one", 1, 1), error("a.yml", "two", 2, 1))
    raised = InputError(*problems)
    assert raised.diagnostics == problems
    assert str(raised) == "a.yml:1:1: error: one\na.yml:2:1: error: two"
