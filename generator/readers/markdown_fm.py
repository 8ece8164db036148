"""Reader for a study entered by hand: Markdown (``.md``) with YAML front matter.

``SourceText`` in, one ``Record`` out. Front matter keys that are metadata
(title, authors, journal, ...) fill the record; any other key (``findings``,
``design``, ...) goes to ``Record.overrides`` in file order. The body is the
abstract: ``## Results`` headings start sections, labels inline are split later.
"""

from __future__ import annotations

import re

import yaml

from generator.config import BoundedLoader, yaml_problem
from generator.diagnostics import InputError, error
from generator.model import AbstractBlock, Record, SourceText

FENCE_RE = re.compile(r"^---[ \t]*$", re.MULTILINE)
HEADING_RE = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
BOLD_LABEL_RE = re.compile(r"^\*\*(?P<label>[^*]+?):?\*\*:?\s*")
TEXT_FIELDS = ("title", "journal", "doi", "pmid")
LIST_FIELDS = ("authors", "publication_types", "mesh_terms", "keywords")
DOI_PREFIX_RE = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)


def split_front_matter(source: SourceText) -> tuple[str | None, str, int]:
    """The front matter text (or None), the body, and the body's first line number."""
    if not source.text.startswith("---"):
        return None, source.text, 1
    fences = list(FENCE_RE.finditer(source.text))
    if not fences or fences[0].start() != 0 or len(fences) < 2:
        raise InputError(error(source.path, "front matter opened with '---' on line 1 is never closed "
                                            "(expected a second '---' line)", 1))
    front = source.text[fences[0].end():fences[1].start()]
    body_line = source.text.count("\n", 0, fences[1].end()) + 2
    return front, source.text[fences[1].end():], body_line


def load_front_matter(source: SourceText, front: str) -> tuple[dict, dict[str, int]]:
    """The front matter as a mapping, and the file line of each top-level key."""
    try:
        node = yaml.compose(front, Loader=BoundedLoader)
        data = yaml.load(front, Loader=BoundedLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(error(source.path, f"invalid YAML in front matter: {yaml_problem(exc)}",
                               mark.line + 1 if mark else 1, mark.column + 1 if mark else None)) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise InputError(error(source.path, f"front matter must be a mapping of keys to values, "
                                            f"found {type(data).__name__}", 2))
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return data, lines


def text_value(source: SourceText, key: str, value: object, line: int | None) -> str | None:
    """A front matter value that must be text (numbers are accepted for ids)."""
    if value is None:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value).strip() or None
    raise InputError(error(source.path, f"front matter '{key}' must be text, found {type(value).__name__}", line))


def list_value(source: SourceText, key: str, value: object, line: int | None) -> tuple[str, ...]:
    """A front matter value that is a list of text (one text is a list of one)."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, (str, int)) for i in items):
        raise InputError(error(source.path, f"front matter '{key}' must be a list of text, "
                                            f"found {type(value).__name__}", line))
    return tuple(str(i).strip() for i in items if str(i).strip())


def body_blocks(body: str) -> tuple[str | None, tuple[AbstractBlock, ...]]:
    """A level-1 heading (a title) and the abstract blocks of a Markdown body."""
    title = None
    blocks: list[tuple[str | None, list[str]]] = []
    heading: str | None = None
    fresh = True
    for line in body.split("\n"):
        stripped = line.strip()
        if match := HEADING_RE.match(stripped):
            if stripped.startswith("# ") and title is None and not blocks:
                title = match.group("text")
            else:
                heading = match.group("text").rstrip(":")
                blocks.append((heading, []))
            fresh = False
            continue
        if not stripped:
            fresh = True
            continue
        if match := BOLD_LABEL_RE.match(stripped):
            blocks.append((match.group("label"), [stripped[match.end():]]))
        elif blocks and (not blocks[-1][1] or not fresh):
            blocks[-1][1].append(stripped)
        else:
            # A new paragraph without a heading: the parse stage joins it to the section before.
            blocks.append((None, [stripped]))
        fresh = False
    return title, tuple(AbstractBlock(h, " ".join(lines)) for h, lines in blocks if lines)


def read_markdown(source: SourceText) -> list[Record]:
    """The one study in a Markdown file."""
    front, body, body_line = split_front_matter(source)
    data, lines = load_front_matter(source, front) if front is not None else ({}, {})
    heading_title, blocks = body_blocks(body)
    meta = {k: text_value(source, k, data.get(k), lines.get(k)) for k in TEXT_FIELDS}
    lists = {k: list_value(source, k, data.get(k), lines.get(k)) for k in LIST_FIELDS}
    year = data.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1800 <= year <= 2100):
        raise InputError(error(source.path, f"front matter 'year' must be a whole number like 2017 (1800-2100), "
                                            f"found {year!r}", lines.get("year")))
    known = set(TEXT_FIELDS) | set(LIST_FIELDS) | {"year"}
    return [Record(
        source=source.path, line=1, title=meta["title"] or heading_title, authors=lists["authors"],
        journal=meta["journal"], year=year, doi=DOI_PREFIX_RE.sub("", meta["doi"]) if meta["doi"] else None,
        pmid=meta["pmid"], publication_types=lists["publication_types"], mesh_terms=lists["mesh_terms"],
        keywords=lists["keywords"], blocks=blocks,
        overrides=tuple((k, v) for k, v in data.items() if k not in known),
    )]
