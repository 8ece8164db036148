"""Read stage for the review's own pages: ``content/pages/*.md`` -> ``ProsePage``s (Markdown made HTML).

The question, the methods, the search strategy, the inclusion criteria, the PRISMA 2020 counts:
pages the reviewer writes in Markdown beside the abstracts, in the folder ``PAGES_DIR`` of the
content, which is not read for studies. Each becomes a page MkDocs lays out in the site's theme
and navigation, after the generated ones, in file-name order (``01-question.md``,
``02-methods.md``), titled by its first ``# heading``. A page that cannot be read is reported
(file:line) and left out; the build goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import markdown

from generator.diagnostics import Diagnostic, InputError, error, read_input, unforeseen, warning
from generator.readers import MAX_BYTES

PAGES_DIR = "pages"
HEADING_RE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
STEM_RE = re.compile(r"^\d+[-_ ]*")
# Markdown only: an HTML tag in the text is shown as written, as everything else from the content is.
TAG_RE = re.compile(r"<(?=[A-Za-z/!?])")


@dataclass(frozen=True)
class ProsePage:
    """One of the review's own pages: its Markdown path under the site (``pages/methods.md``), title and HTML."""

    path: str
    title: str
    html: str


def is_prose(rel: str) -> bool:
    """Whether a content file (relative path) is one of the review's own pages rather than an input."""
    return rel.startswith(PAGES_DIR + "/")


def read_prose(content: Path, rels: list[str]) -> tuple[tuple[ProsePage, ...], list[Diagnostic]]:
    """The review's pages among ``rels`` (``is_prose``), in order; anything else there is reported and left out."""
    pages: list[ProsePage] = []
    diagnostics: list[Diagnostic] = []
    taken: set[str] = set()
    for rel in sorted(r for r in rels if is_prose(r)):
        shown = rel
        name = rel[len(PAGES_DIR) + 1:]
        if "/" in name or not name.lower().endswith(".md"):
            diagnostics.append(warning(shown, "a page of the review must be a Markdown file (.md) directly in "
                                              f"{PAGES_DIR}/; left out"))
            continue
        try:
            text = read_input(content / rel, shown, MAX_BYTES).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            diagnostics.append(error(shown, f"not UTF-8 text (byte {exc.start}); page left out"))
            continue
        except InputError as exc:
            diagnostics.extend(replace(d, message=f"{d.message}; page left out") for d in exc.diagnostics)
            continue
        slug = re.sub(r"[^a-z0-9]+", "-", STEM_RE.sub("", name[:-3].casefold())).strip("-") or "page"
        if slug in taken:
            diagnostics.append(error(shown, f"its page would be pages/{slug}/, which another page has; left out"))
            continue
        taken.add(slug)
        heading = HEADING_RE.search(text)
        title = heading.group(1) if heading else slug.replace("-", " ").capitalize()
        try:
            html = markdown.markdown(TAG_RE.sub("&lt;", text), extensions=["tables", "sane_lists"],
                                     output_format="html")
        except Exception as exc:  # noqa: BLE001 - one page's failure, whatever it is, is that page's alone
            diagnostics.append(unforeseen(shown, None, "laying out the page", exc))
            continue
        pages.append(ProsePage(f"{PAGES_DIR}/{slug}.md", title, html))
    return tuple(pages), diagnostics
