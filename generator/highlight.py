"""Highlights: a section's text and its findings' spans -> HTML with one ``<mark>`` per finding.

The text is escaped piece by piece between the spans, never by inserting tags
into raw text. Marks nest when one finding's span holds another's; a span that
only partly overlaps an open one is cut at that one's end, so the HTML stays
well formed and every finding still has its own mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Highlight:
    """A span of a section's text to mark, with the opening tag to mark it with."""

    start: int
    end: int
    open_tag: Markup


def highlight(text: str, highlights: list[Highlight]) -> Markup:
    """``text`` escaped, with each highlight's span wrapped in its mark."""
    # Every piece is escaped text or a tag, so they are joined as they are (a Markup's join and + escape again).
    out: list[str] = []
    pos = 0
    open_ends: list[int] = []

    def close() -> None:
        nonlocal pos
        end = open_ends.pop()
        out.extend((escape(text[pos:end]), "</mark>"))
        pos = end

    for h in sorted(highlights, key=lambda h: (h.start, -h.end)):
        start = max(h.start, pos)
        while open_ends and open_ends[-1] <= start:
            close()
        end = min(h.end, open_ends[-1]) if open_ends else h.end
        out.extend((escape(text[pos:start]), h.open_tag))
        pos = start
        open_ends.append(max(end, start))
    while open_ends:
        close()
    out.append(escape(text[pos:]))
    return Markup("".join(out))
