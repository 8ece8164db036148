"""Reader for RIS (``.ris``), as reference managers and PubMed's citation export write it.

``SourceText`` in, one ``Record`` per ``TY`` ... ``ER`` block out. A line without
a tag goes on with the field before it (wrapped abstracts). A last record
without ``ER  -`` is still used: nothing of it is lost.
"""

from __future__ import annotations

import re

from generator.diagnostics import InputError, error
from generator.model import AbstractBlock, Record, SourceText

TAG_RE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9])  - ?(?P<value>.*)$")
YEAR_RE = re.compile(r"\b(?:18|19|20)\d\d\b")
DOI_RE = re.compile(r"(10\.\d{4,9}/\S+)")
# "Walther, M M" / "Walther, M. M." -> "Walther MM", as PubMed prints authors.
INITIALS_NAME_RE = re.compile(r"^(?P<last>[^,]+),\s*(?P<initials>(?:[A-Z]\.?\s*-?){1,4})$")
TITLE_TAGS = ("TI", "T1")
AUTHOR_TAGS = ("AU", "A1")
JOURNAL_TAGS = ("JO", "JA", "J2", "JF", "T2")
YEAR_TAGS = ("PY", "Y1", "DA")
DOI_TRAILING = ".,;"


def author_name(value: str) -> str:
    """An RIS author as PubMed prints it when it is "Last, Initials"; else as given."""
    match = INITIALS_NAME_RE.match(value.strip())
    if not match:
        return value.strip()
    return f"{match.group('last').strip()} {re.sub(r'[^A-Z]', '', match.group('initials'))}"


def split_records(source: SourceText) -> list[tuple[int, list[tuple[str, str]]]]:
    """The records of an RIS file: (start line, [(tag, value), ...]) each."""
    records: list[tuple[int, list[tuple[str, str]]]] = []
    fields: list[tuple[str, str]] | None = None
    start = 0
    for number, line in enumerate(source.text.split("\n"), 1):
        match = TAG_RE.match(line)
        if match is None:
            if line.strip() and fields:
                tag, value = fields[-1]
                fields[-1] = (tag, f"{value} {line.strip()}".strip())
            elif line.strip():
                raise InputError(error(source.path, f"expected 'TY  - ' to start a record, "
                                                    f"found '{line.strip()[:40]}'", number))
            continue
        tag, value = match.group("tag"), match.group("value").strip()
        if tag == "TY":
            if fields is not None:
                raise InputError(error(source.path, f"record starting at line {start} has no 'ER  - ' "
                                                    f"before the next 'TY  - '", number))
            fields, start = [], number
        elif fields is None:
            raise InputError(error(source.path, f"expected 'TY  - ' to start a record, found '{tag}  - '", number))
        elif tag == "ER":
            records.append((start, fields))
            fields = None
        else:
            fields.append((tag, value))
    if fields:
        records.append((start, fields))
    return records


def build_record(source: SourceText, start: int, fields: list[tuple[str, str]]) -> Record:
    """One ``Record`` from the fields of one RIS record."""
    values: dict[str, list[str]] = {}
    for tag, value in fields:
        if value:
            values.setdefault(tag, []).append(value)

    def first(tags: tuple[str, ...]) -> str | None:
        return next((values[t][0] for t in tags if t in values), None)

    title, abstract = first(TITLE_TAGS), first(("AB", "N2"))
    if not title and not abstract:
        raise InputError(error(source.path, "RIS record has neither a title (TI/T1) nor an abstract (AB)", start))
    year = YEAR_RE.search(first(YEAR_TAGS) or "")
    doi = DOI_RE.search(first(("DO",)) or "")
    pmid = first(("AN",)) if "pubmed" in (first(("DB",)) or "").lower() else None
    return Record(
        source=source.path, line=start, title=title,
        authors=tuple(author_name(a) for t in AUTHOR_TAGS for a in values.get(t, ())),
        journal=first(JOURNAL_TAGS), year=int(year.group()) if year else None,
        doi=doi.group(1).rstrip(DOI_TRAILING) if doi else None,
        pmid=pmid if pmid and pmid.isdigit() else None,
        keywords=tuple(values.get("KW", ())),
        blocks=(AbstractBlock(None, abstract),) if abstract else (),
    )


def read_ris(source: SourceText) -> list[Record]:
    """Every record in an RIS file."""
    return [build_record(source, start, fields) for start, fields in split_records(source)]
