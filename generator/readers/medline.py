"""Reader for PubMed's MEDLINE format (``.nbib``, "PubMed format" exports).

``SourceText`` in, one ``Record`` per citation out. A field is ``TAG - value``
with the tag padded to four characters; a value goes on in lines indented six
spaces; records are separated by blank lines (or not: a ``PMID`` line starts
one). Collective authors (``CN``) are authors, in their place among ``AU``.
Structured abstract labels stay inline in AB ("PURPOSE: ... METHODS: ...") for
the parse stage to split. One bad record, or a stray line, costs itself alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.diagnostics import Diagnostic, error, warning
from generator.identity import pmcid
from generator.model import AbstractBlock, Record, SourceText

FIELD_RE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]{0,3}) *- ?(?P<value>.*)$")
# Six spaces as PubMed writes it; fewer, or a tab, as an editor or a mail client may leave it.
CONTINUATION_RE = re.compile(r"^[ \t]+(?P<value>\S.*)$")
YEAR_RE = re.compile(r"\b(?:18|19|20)\d\d\b")
DOI_ID_RE = re.compile(r"^(?P<doi>10\.\S+)\s*\[doi\]$", re.IGNORECASE)


def mesh_terms(descriptor: str, qualifiers: list[str]) -> list[str]:
    """PubMed's display form of one heading: "Descriptor / Qualifier" per qualifier, no ``*``."""
    name = descriptor.strip().lstrip("*").strip()
    quals = [q.strip().lstrip("*").strip() for q in qualifiers if q.strip().lstrip("*").strip()]
    return [f"{name} / {q}" for q in quals] if quals else [name]


SENTENCE_ENDS = (".", "!", "?", ")", "]", '"', "'")
CUT_TAGS = ("TI", "AB")


def split_records(source: SourceText) -> Iterator[tuple[int, list[tuple[int, str, str]]] | Diagnostic]:
    """The records of a MEDLINE file, (start line, [(line, tag, value), ...]) each, as Bio.Medline reads
    them: a blank line, or a ``PMID`` line, starts the next. A line that is neither a field nor a
    value going on is a warning, left out; a last record cut off mid-field is an error in its place."""
    fields: list[tuple[int, str, str]] = []
    for number, line in enumerate(source.text.split("\n"), 1):
        if not line.strip():
            if fields:
                yield fields[0][0], fields
                fields = []
            continue
        if (match := CONTINUATION_RE.match(line)) and fields:
            at, tag, value = fields[-1]
            fields[-1] = (at, tag, f"{value} {match.group('value').strip()}".strip())
        elif match := FIELD_RE.match(line):
            if match.group("tag") == "PMID" and fields:
                yield fields[0][0], fields
                fields = []
            fields.append((number, match.group("tag"), match.group("value").strip()))
        else:
            yield warning(source.path, f"line is neither a MEDLINE field ('TAG - value') nor a value going on "
                                       f"(indented 6 spaces): '{line.strip()[:40]}'; left out", number)
    last = source.text.rstrip(" \t")
    if fields and fields[-1][1] in CUT_TAGS and not last.endswith("\n") and not last.endswith(SENTENCE_ENDS):
        # PubMed ends every export with a line break: a last title or abstract cut mid-word means a cut-off download.
        line = last.count("\n") + 1
        yield error(source.path, f"file ends in the middle of a field (line {line} has no line ending and no "
                                 f"final full stop); the export looks cut off", line)
    elif fields:
        yield fields[0][0], fields


def build_record(source: SourceText, start: int, fields: list[tuple[int, str, str]]) -> Record:
    """One ``Record`` from the fields of one citation (an article, a book or a chapter of one)."""
    values: dict[str, list[str]] = {}
    for _, tag, value in fields:
        values.setdefault(tag, []).append(value)
    # Authors in their order, a collective author (CN) among them: as PubMed lists them.
    names = [value for _, tag, value in fields if tag in ("AU", "CN") and value]
    if "AU" not in values:
        names = [value for _, tag, value in fields if tag in ("FAU", "CN") and value]

    def first(*tags: str) -> str | None:
        return next((values[t][0] for t in tags if values.get(t) and values[t][0]), None)

    dois = [m.group("doi") for tag in ("LID", "AID") for v in values.get(tag, []) if (m := DOI_ID_RE.match(v))]
    year = YEAR_RE.search(first("DP") or "")
    mesh: list[str] = []
    for heading in values.get("MH", []):
        descriptor, *qualifiers = heading.split("/")
        mesh.extend(mesh_terms(descriptor, qualifiers))
    abstract, title = first("AB"), first("TI")
    # A chapter is found in its book; a whole book, by its publisher.
    journal = first("TA", "JT") or (first("BTI") if title else first("PB"))
    return Record(
        source=source.path, line=start, title=title or first("BTI"),
        authors=tuple(names), journal=journal,
        year=int(year.group()) if year else None, doi=dois[0] if dois else None,
        pmid=first("PMID"), pmcid=pmcid(first("PMC")), publication_types=tuple(dict.fromkeys(values.get("PT", ()))),
        mesh_terms=tuple(dict.fromkeys(mesh)), keywords=tuple(values.get("OT", ())),
        blocks=(AbstractBlock(None, abstract),) if abstract else (),
    )


def read_medline(source: SourceText) -> list[Record | Diagnostic]:
    """Every citation in a MEDLINE file, with a message in the place of each that cannot be read."""
    return [item if isinstance(item, Diagnostic) else build_record(source, *item) for item in split_records(source)]
