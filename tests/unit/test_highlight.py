"""Highlights: marks nest, partial overlaps are cut, and the text between is escaped."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from generator.highlight import Highlight, highlight


def mark(start: int, end: int, name: str) -> Highlight:
    return Highlight(start, end, Markup(f'<mark id="{name}">'))


@pytest.mark.parametrize("text, spans, expected", [
    ("no marks", [], "no marks"),
    ("HR 0.58, P = .01", [mark(3, 7, "a"), mark(9, 16, "b")],
     'HR <mark id="a">0.58</mark>, <mark id="b">P = .01</mark>'),
    # Given out of order: placed by position.
    ("x 1 y 2", [mark(6, 7, "b"), mark(2, 3, "a")], 'x <mark id="a">1</mark> y <mark id="b">2</mark>'),
    # One span inside another: nested.
    ("39 of 60 (65.0%)", [mark(0, 16, "a"), mark(10, 15, "b")],
     '<mark id="a">39 of 60 (<mark id="b">65.0%</mark>)</mark>'),
    # Partial overlap: the second mark is cut at the first one's end.
    ("abcdef", [mark(0, 4, "a"), mark(2, 6, "b")], '<mark id="a">ab<mark id="b">cd</mark></mark>ef'),
    # Same span twice: both marks, nested.
    ("7%", [mark(0, 2, "a"), mark(0, 2, "b")], '<mark id="a"><mark id="b">7%</mark></mark>'),
    # Untrusted text is escaped, in and out of marks.
    ('<b>"1"</b> & <i>', [mark(3, 6, "a")], '&lt;b&gt;<mark id="a">&#34;1&#34;</mark>&lt;/b&gt; &amp; &lt;i&gt;'),
])
def test_highlight(text, spans, expected):
    assert highlight(text, spans) == expected


def test_every_highlight_gets_exactly_one_mark():
    spans = [mark(i, i + 3, f"m{i}") for i in range(0, 20, 2)]
    html = highlight("x" * 25, spans)
    assert html.count("<mark") == html.count("</mark>") == len(spans)
