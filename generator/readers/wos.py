"""Reader for Web of Science's tagged export ("Plain text file": ``FN``/``VR`` header, ``PT`` ... ``ER`` records).

``SourceText`` in, one ``Record`` per ``PT`` ... ``ER`` block out. A field is a
two-character tag, a space and the value; a value goes on in lines indented three
spaces, one author or one more line of the title each. The authors are ``AU``
("Parkes-Loach, PS", as PubMed prints them: "Parkes-Loach PS") and the group
authors ``CA``; the journal its ISO abbreviation (``JI``), else the 29-character
one (``J9``), else the full name (``SO``); the year ``PY``; the DOI ``DI``; the
PMID ``PM``. A record not ended before the next ``PT`` is read as ending there,
with a warning; a record with nothing to read is kept, with a warning naming its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.diagnostics import Diagnostic, error, warning
from generator.model import AbstractBlock, Record, SourceText
from generator.readers.ris import author_name

FIELD_RE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9])(?: (?P<value>.*))?$")
CONTINUATION_RE = re.compile(r"^ {2,3}(?P<value>\S.*)$")
YEAR_RE = re.compile(r"\b(?:18|19|20)\d\d\b")
# Values a line going on adds one more of; any other goes on with the same value.
LIST_TAGS = frozenset(("AU", "AF", "CA", "CR", "C1"))
HEADER_TAGS = frozenset(("FN", "VR", "EF"))


def split_records(source: SourceText) -> Iterator[tuple[int, dict[str, list[str]]] | Diagnostic]:
    """The records of a Web of Science file, (start line, {tag: [values]}) each."""
    fields: dict[str, list[str]] | None = None
    start, last = 0, ""
    for number, line in enumerate(source.text.split("\n"), 1):
        line = line.rstrip()
        if fields is not None and (going_on := CONTINUATION_RE.match(line)) and last:
            value = going_on.group("value").strip()
            if last in LIST_TAGS:
                fields[last].append(value)
            else:
                fields[last][-1] = f"{fields[last][-1]} {value}".strip()
            continue
        match = FIELD_RE.match(line)
        if match is None or match.group("tag") in HEADER_TAGS:
            last = ""
            continue
        tag, value = match.group("tag"), (match.group("value") or "").strip()
        if tag == "PT":
            if fields is not None:
                yield warning(source.path, f"record starting at line {start} has no 'ER' before the next 'PT'; "
                                           "read as ending there", number)
                yield start, fields
            fields, start = {}, number
        if fields is None:
            last = ""
            continue
        if tag == "ER":
            yield start, fields
            fields, last = None, ""
            continue
        fields.setdefault(tag, []).append(value)
        last = tag
    if fields is not None:
        yield start, fields


def build_record(source: SourceText, start: int, fields: dict[str, list[str]]) -> Record:
    """One ``Record`` from the fields of one Web of Science record."""
    def first(*tags: str) -> str | None:
        return next((v for t in tags for v in fields.get(t, ()) if v), None)

    title, abstract, doi, pmid = first("TI"), first("AB"), first("DI"), first("PM")
    pmid = pmid if pmid and pmid.isdigit() else None
    year = YEAR_RE.search(first("PY", "PD", "EY") or "")
    return Record(
        source=source.path, line=start, title=title,
        authors=tuple(author_name(a) for t in ("AU", "CA") for a in fields.get(t, ()) if a),
        journal=first("JI", "J9", "SO"), year=int(year.group()) if year else None, doi=doi, pmid=pmid,
        keywords=tuple(k.strip() for v in fields.get("DE", ()) for k in v.split(";") if k.strip()),
        blocks=(AbstractBlock(None, abstract),) if abstract else (),
    )


def read_wos(source: SourceText) -> list[Record | Diagnostic]:
    """Every record in a Web of Science file, with an error in the place of each that cannot be read."""
    return [item if isinstance(item, Diagnostic) else build_record(source, *item) for item in split_records(source)]
