"""Reader for RIS (``.ris``), as reference managers, databases and PubMed's citation export write it.

``SourceText`` in, one ``Record`` per ``TY`` ... ``ER`` block out. A tag is two
characters, then two spaces (or one, or a tab: Ovid, EndNote and hand-edited
files differ), a hyphen and the value. What stands between records is left out,
as rispy does: Ovid's and EndNote's numbers ("1.", "<1.>", "Record #1 of 2"),
headers, links, a tag after ``ER``. A line without a tag goes on with the field
before it: a wrapped abstract, or one more keyword or author (EndNote writes
them a line each). A record that is not ended before the next ``TY`` is read as
ending there, with a warning (a ``TY`` again before the record's first field is
its type given again). A record without a title is kept, and the build makes
it one (``title_generated``); so is one with nothing to read (no title,
abstract, DOI or PMID), with a warning naming its line.

rispy was weighed as the parser: it reads what it reads as this does (and is the
reference ``benchmarks/real_exports.py`` holds this to), but it keeps no line
numbers for the messages, reads only two spaces before the hyphen, and has no
way to report one record apart from its file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.diagnostics import Diagnostic, InputError, error, warning
from generator.model import AbstractBlock, Record, SourceText

TAG_RE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9])(?: {1,2}|\t)-(?:[ \t]+(?P<value>.*)|[ \t]*)$")
YEAR_RE = re.compile(r"\b(?:18|19|20)\d\d\b")
DOI_RE = re.compile(r"(10\.\d{4,9}/\S+)")
# "Walther, M M" / "Walther, M. M." -> "Walther MM", as PubMed prints authors.
INITIALS_NAME_RE = re.compile(r"^(?P<last>[^,]+),\s*(?P<initials>(?:[A-Z]\.?\s*-?){1,4})$")
TITLE_TAGS = ("TI", "T1")
AUTHOR_TAGS = ("AU", "A1")
JOURNAL_TAGS = ("JO", "JA", "J2", "JF", "T2")
YEAR_TAGS = ("PY", "Y1", "DA")
# Tags whose lines without a tag are one more value each, not more of the same value.
LIST_TAGS = frozenset(AUTHOR_TAGS + ("A2", "A3", "A4", "KW"))
DOI_TRAILING = ".,;"
# The fields that tell one record from the next: a TY line inside a record after which one comes again starts
# another record.
IDENTITY_TAGS = {tag: field for field, tags in (("title", TITLE_TAGS), ("authors", AUTHOR_TAGS), ("year", YEAR_TAGS),
                                               ("abstract", ("AB", "N2")), ("doi", ("DO",))) for tag in tags}
# A DOI given as a link (Zotero, ProQuest and Embase write one in UR or L2 beside, or instead of, DO).
DOI_LINK_RE = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.IGNORECASE)
LINK_TAGS = ("UR", "L1", "L2", "L3", "LK")
# Some databases (Scopus, Web of Science, EndNote's output styles) put the DOI in M3, which others fill with the type of
# work ("Journal Article", "Review"): M3 is read as the DOI only when it is one, whole ("doi:" before it may stand).
M3_DOI_RE = re.compile(r"^(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
# Where a record without a DO gives its DOI, in this order; nothing else (an N1 note may cite another paper's DOI).
DOI_FIELDS = (("M3", M3_DOI_RE),) + tuple((tag, DOI_LINK_RE) for tag in LINK_TAGS)
# Databases whose accession number (AN) is the PMID: PubMed's own export, Ovid MEDLINE ("Ovid MEDLINE(R) ...").
PMID_DATABASES = ("pubmed", "medline")
# The Cochrane Library gives a CENTRAL record's PMID a tag of its own: "PM  - PUBMED 30107788".
PMID_TAG_RE = re.compile(r"^(?:PUBMED\s*:?\s*)?(\d{1,9})$", re.IGNORECASE)


def author_name(value: str) -> str:
    """An RIS author as PubMed prints it when it is "Last, Initials"; else as given."""
    match = INITIALS_NAME_RE.match(value.strip())
    if not match:
        return value.strip()
    return f"{match.group('last').strip()} {re.sub(r'[^A-Z]', '', match.group('initials'))}"


def split_records(source: SourceText) -> Iterator[tuple[int, list[tuple[str, str]]] | Diagnostic]:
    """The records of an RIS file, (start line, [(tag, value), ...]) each, and warnings where one is not ended."""
    parts: list[tuple[int, list[tuple[str, str]]]] | None = None  # the record: its part after each TY line
    started, outside = False, None
    for number, line in enumerate(source.text.split("\n"), 1):
        match = TAG_RE.match(line)
        fields = parts[-1][1] if parts else None
        if match is None:
            if fields and line.strip():
                tag, value = fields[-1]
                if tag in LIST_TAGS:
                    fields.append((tag, line.strip()))
                else:
                    fields[-1] = (tag, f"{value} {line.strip()}".strip())
            elif line.strip() and outside is None:
                outside = (number, line.strip()[:40])
            continue
        tag, value = match.group("tag"), (match.group("value") or "").strip()
        if tag == "TY":
            if fields == []:
                continue  # a record's type given again before its first field: still the same record
            parts = (parts or []) + [(number, [])]
            started = True
        elif parts is None:
            if outside is None:
                outside = (number, f"{tag}  - ")
        elif tag == "ER":
            yield from _records(source, parts)
            parts = None
        else:
            fields.append((tag, value))
    if parts is not None:
        yield from _records(source, parts)
    elif not started:
        number, found = outside or (1, "")
        raise InputError(error(source.path, f"expected 'TY  - ' to start a record, found '{found}'", number))


def _records(source: SourceText, parts: list[tuple[int, list[tuple[str, str]]]],
             ) -> Iterator[tuple[int, list[tuple[str, str]]] | Diagnostic]:
    """The records of what lies between a ``TY`` and its ``ER``, split at each ``TY`` in between (an ``ER`` left
    out) where what follows gives again what identifies the record before it (its title, authors, year, abstract
    or DOI); a ``TY`` after which none of that comes again is the record's type given again (rispy reads every
    ``TY`` so)."""
    start, fields = parts[0]
    for number, more in parts[1:]:
        if _identity(fields) & _identity(more):
            yield warning(source.path, f"record starting at line {start} has no 'ER  - ' before the next 'TY  - '; "
                                       f"read as ending there", number)
            yield start, fields
            start, fields = number, more
        else:
            fields = fields + more
    yield start, fields


def _identity(fields: list[tuple[str, str]]) -> set[str]:
    """Which of the fields that identify a record ``fields`` give: "title", "authors", "year", "abstract", "doi"."""
    return {IDENTITY_TAGS[tag] for tag, value in fields if value and tag in IDENTITY_TAGS}


def build_record(source: SourceText, start: int, fields: list[tuple[str, str]]) -> Record:
    """One ``Record`` from the fields of one RIS record."""
    values: dict[str, list[str]] = {}
    for tag, value in fields:
        if value:
            values.setdefault(tag, []).append(value)

    def first(tags: tuple[str, ...]) -> str | None:
        return next((values[t][0] for t in tags if t in values), None)

    title = first(TITLE_TAGS)
    # An abstract given in parts, an AB line each, is every part (rispy keeps the first); N2 where there is no AB.
    abstract = tuple(dict.fromkeys(values.get("AB") or values.get("N2") or ()))
    year = YEAR_RE.search(first(YEAR_TAGS) or "")
    doi = DOI_RE.search(first(("DO",)) or "") or next(
        (m for t, pattern in DOI_FIELDS for v in values.get(t, ()) if (m := pattern.match(v.strip()))), None)
    database = (first(("DB",)) or "").lower()
    pmid = first(("AN",)) if any(name in database for name in PMID_DATABASES) else None
    pmid = pmid if pmid and pmid.isdigit() else next(
        (m.group(1) for v in values.get("PM", ()) if (m := PMID_TAG_RE.match(v))), None)
    return Record(
        source=source.path, line=start, title=title,
        authors=tuple(author_name(a) for t in AUTHOR_TAGS for a in values.get(t, ())),
        journal=first(JOURNAL_TAGS), year=int(year.group()) if year else None,
        doi=doi.group(1).rstrip(DOI_TRAILING) if doi else None, pmid=pmid,
        keywords=tuple(values.get("KW", ())),
        blocks=tuple(AbstractBlock(None, part) for part in abstract),
    )


def read_ris(source: SourceText) -> list[Record | Diagnostic]:
    """Every record in an RIS file, with an error in the place of each that cannot be read."""
    return [item if isinstance(item, Diagnostic) else build_record(source, *item) for item in split_records(source)]
