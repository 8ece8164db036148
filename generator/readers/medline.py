"""Reader for PubMed's MEDLINE format (``.nbib``, "PubMed format" exports).

``SourceText`` in, one ``Record`` per citation out. A field is ``TAG - value``
with the tag padded to four characters; a value goes on in lines indented six
spaces; records are separated by blank lines. Structured abstract labels stay
inline in AB ("PURPOSE: ... METHODS: ...") for the parse stage to split.
"""

from __future__ import annotations

import re

from generator.diagnostics import InputError, error
from generator.model import AbstractBlock, Record, SourceText

FIELD_RE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]{0,3}) *- ?(?P<value>.*)$")
CONTINUATION_RE = re.compile(r"^(?: {2,}|\t)(?P<value>\S.*)$")
YEAR_RE = re.compile(r"\b(?:18|19|20)\d\d\b")
DOI_ID_RE = re.compile(r"^(?P<doi>10\.\S+)\s*\[doi\]$", re.IGNORECASE)


def mesh_terms(descriptor: str, qualifiers: list[str]) -> list[str]:
    """PubMed's display form of one heading: "Descriptor / Qualifier" per qualifier, no ``*``."""
    name = descriptor.strip().lstrip("*").strip()
    quals = [q.strip().lstrip("*").strip() for q in qualifiers if q.strip().lstrip("*").strip()]
    return [f"{name} / {q}" for q in quals] if quals else [name]


SENTENCE_ENDS = (".", "!", "?", ")", "]", '"', "'")


def split_records(source: SourceText) -> list[tuple[int, list[tuple[int, str, str]]]]:
    """The records of a MEDLINE file: (start line, [(line, tag, value), ...]) each."""
    records: list[tuple[int, list[tuple[int, str, str]]]] = []
    fields: list[tuple[int, str, str]] = []
    for number, line in enumerate(source.text.split("\n"), 1):
        if not line.strip():
            if fields:
                records.append((fields[0][0], fields))
                fields = []
            continue
        if (match := CONTINUATION_RE.match(line)) and fields:
            at, tag, value = fields[-1]
            fields[-1] = (at, tag, f"{value} {match.group('value').strip()}".strip())
        elif match := FIELD_RE.match(line):
            fields.append((number, match.group("tag"), match.group("value").strip()))
        else:
            shown = line.strip()[:40]
            raise InputError(error(source.path, f"expected a MEDLINE field ('TAG - value') or a line "
                                                f"indented 6 spaces, found '{shown}'", number))
    if fields:
        records.append((fields[0][0], fields))
    last = source.text.rstrip(" \t")
    if records and last and not last.endswith("\n") and not last.endswith(SENTENCE_ENDS):
        # PubMed ends every export with a line break: a last field cut mid-word means a cut-off download.
        line = last.count("\n") + 1
        raise InputError(error(source.path, f"file ends in the middle of a field (line {line} has no line "
                                            f"ending and no final full stop); the export looks cut off", line))
    return records


def build_record(source: SourceText, start: int, fields: list[tuple[int, str, str]]) -> Record:
    """One ``Record`` from the fields of one citation."""
    values: dict[str, list[str]] = {}
    for _, tag, value in fields:
        values.setdefault(tag, []).append(value)

    def first(*tags: str) -> str | None:
        return next((values[t][0] for t in tags if values.get(t) and values[t][0]), None)

    dois = [m.group("doi") for tag in ("LID", "AID") for v in values.get(tag, []) if (m := DOI_ID_RE.match(v))]
    year = YEAR_RE.search(first("DP") or "")
    mesh: list[str] = []
    for heading in values.get("MH", []):
        descriptor, *qualifiers = heading.split("/")
        mesh.extend(mesh_terms(descriptor, qualifiers))
    abstract = first("AB")
    if not first("TI") and not abstract:
        raise InputError(error(source.path, "MEDLINE record has neither a title (TI) nor an abstract (AB)", start))
    return Record(
        source=source.path, line=start, title=first("TI"),
        authors=tuple(values.get("AU") or values.get("FAU") or ()), journal=first("TA", "JT"),
        year=int(year.group()) if year else None, doi=dois[0] if dois else None,
        pmid=first("PMID"), publication_types=tuple(dict.fromkeys(values.get("PT", ()))),
        mesh_terms=tuple(dict.fromkeys(mesh)), keywords=tuple(values.get("OT", ())),
        blocks=(AbstractBlock(None, abstract),) if abstract else (),
    )


def read_medline(source: SourceText) -> list[Record]:
    """Every citation in a MEDLINE file."""
    return [build_record(source, start, fields) for start, fields in split_records(source)]
