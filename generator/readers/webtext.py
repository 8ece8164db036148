"""Reader for text pasted from a web page (PubMed new and legacy layouts, journal pages).

``SourceText`` in, one ``Record`` out. The page is cleaned first (``cleaning``);
what is left splits into a header (title, citation line, authors, publication
types) and the abstract, which starts at an "Abstract" heading, else at the
first labelled paragraph ("PURPOSE: ...") or the first paragraph after the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.cleaning import ABSTRACT_HEADING_RE, PageLine, clean_page
from generator.model import AbstractBlock, Record, SourceText
from generator.parsing import LEADING_LABEL_RE

YEAR = r"(?:18|19|20)\d\d"
# "Cardiovasc Intervent Radiol. 2012 Dec;35(6):1480-7." / ". 2017 Sep 1;109(9):djx015." / "1. J Urol. 1997 Nov;..."
CITATION_RE = re.compile(
    rf"^(?:\d+\.\s+)?(?:(?P<journal>[A-Z][^.;:]*?)\.\s*|\.\s*)(?P<year>{YEAR})\b"
    r"(?:\s+[A-Z][a-z]{2}(?:[-/][A-Z][a-z]{2})?(?:\s+\d{1,2})?)?\s*(?:[;.:]|$)"
)
# "M M Walther et al. J Urol. 1997 Nov." / "Theo Ruers et al. J Natl Cancer Inst. ."
AUTHOR_ETAL_RE = re.compile(
    rf"^(?P<author>[^,;]+?)\s+et al\.?(?:\s+(?P<journal>[A-Z][^.;:]*?)\.(?:\s*(?P<year>{YEAR})\b.*|\s*\.?\s*))?$"
)
# Legacy PubMed: "Walther MM, Yang JC, Pass HI, Rosenberg SA."
NAME = r"[A-Z][\w'’-]+(?:\s(?:[a-z]{1,3}|[A-Z][\w'’-]+))*\s[A-Z]{1,4}"
AUTHOR_LIST_RE = re.compile(rf"^{NAME}(?:,\s*{NAME})*\.$")
AUTHOR_SPLIT_RE = re.compile(r",\s*")
# PubMed's full author list: "Theo Ruers 1, Frits Van Coevorden 2 3, Cornelis J A Punt 4".
AFFILIATED_NAME = r"(?:[A-Z][\w'’.-]*\s(?:(?:de|van|der|von|da|di|le|la)\s)*)+[A-Z][\w'’-]+(?:\s\d+)+"
# Two names at least: one capitalised phrase ending in a number could be a title ("Phase II Trial 2").
AFFILIATED_LIST_RE = re.compile(rf"^{AFFILIATED_NAME}(?:,\s*{AFFILIATED_NAME})+\.?$")
AFFILIATION_MARK_RE = re.compile(r"(?:\s\d+)+$")
DOI_RE = re.compile(r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/\S+)", re.IGNORECASE)
DOI_LINE_RE = re.compile(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)\s*10\.\S+$", re.IGNORECASE)
PMID_RE = re.compile(r"^PMID:\s*(\d+)\b.*$")
PMCID_RE = re.compile(r"^PMCID:\s*PMC\d+.*$")
EPUB_LINE_RE = re.compile(rf"^Epub\s+{YEAR}\b.*$", re.IGNORECASE)
KEYWORDS_RE = re.compile(r"^key\s*words?\s*:\s*(?P<items>.+)$", re.IGNORECASE)
KEYWORD_SPLIT_RE = re.compile(r"\s*[;,]\s*")
PUBLICATION_TYPE_RE = re.compile(
    r"(?:Clinical Trial(?:, Phase (?:I|II|III|IV))?|Randomized Controlled Trial|Controlled Clinical Trial"
    r"|Multicenter Study|Comparative Study|Observational Study|Review|Systematic Review|Meta-Analysis"
    r"|Case Reports|Evaluation Study|Validation Study|Practice Guideline|Guideline|Editorial|Letter"
    r"|Comment|Clinical Study|Pragmatic Clinical Trial|Equivalence Trial|Historical Article"
    r"|Published Erratum|Retracted Publication|Journal Article)"
)
TRAILING_DOI_PUNCT = ".,;"
TITLE_MAX = 400
METADATA_MAX = 1000


@dataclass
class _Header:
    """What the header lines of one page say; filled while scanning, then frozen into a Record."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    journal: str | None = None
    year: int | None = None
    doi: str | None = None
    pmid: str | None = None
    publication_types: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


def find_doi(text: str) -> str | None:
    """The bare DOI in a line ("doi: 10.x/y." -> "10.x/y"), if any."""
    match = DOI_RE.search(text)
    return match.group(1).rstrip(TRAILING_DOI_PUNCT) if match else None


def read_metadata_line(line: str, header: _Header) -> bool:
    """Record what a metadata line says into ``header``; whether the line was metadata."""
    if len(line) > METADATA_MAX:
        return False  # metadata lines are short; this also bounds the regexes' work
    if PUBLICATION_TYPE_RE.fullmatch(line):
        header.publication_types.append(line)
        return True
    if match := CITATION_RE.match(line):
        header.journal = header.journal or match.group("journal")
        header.year = header.year or int(match.group("year"))
        header.doi = header.doi or find_doi(line)
        return True
    if match := AUTHOR_ETAL_RE.match(line):
        header.authors = header.authors or [match.group("author").strip()]
        header.journal = header.journal or match.group("journal")
        if match.group("year") and not header.year:
            header.year = int(match.group("year"))
        return True
    if DOI_LINE_RE.match(line) or line.lower().startswith("doi:"):
        header.doi = header.doi or find_doi(line)
        return True
    if match := PMID_RE.match(line):
        header.pmid = header.pmid or match.group(1)
        return True
    if match := KEYWORDS_RE.match(line):
        header.keywords.extend(k for k in KEYWORD_SPLIT_RE.split(match.group("items").rstrip(".")) if k)
        return True
    return bool(EPUB_LINE_RE.match(line) or PMCID_RE.match(line))


def split_page(lines: tuple[PageLine, ...]) -> tuple[list[PageLine], list[PageLine]]:
    """The header lines and the abstract lines of a cleaned page."""
    marker = next((i for i, line in enumerate(lines) if ABSTRACT_HEADING_RE.fullmatch(line.text)), None)
    if marker is not None:
        return list(lines[:marker]), list(lines[marker + 1:])
    header = _Header()
    titled = False
    for i, line in enumerate(lines):
        if not line.text or read_metadata_line(line.text, header) or AUTHOR_LIST_RE.match(line.text):
            continue
        if LEADING_LABEL_RE.match(line.text) or titled or len(line.text) > TITLE_MAX:
            return list(lines[:i]), list(lines[i:])
        titled = True
    # Only a title-like line and metadata: the lone text line is the abstract, not a title.
    return [], list(lines)


def read_header(lines: list[PageLine], header: _Header) -> None:
    """Title, citation, authors and publication types from the lines before the abstract."""
    for line in lines:
        text = line.text
        if not text or read_metadata_line(text, header):
            continue
        if AFFILIATED_LIST_RE.match(text):
            # The full list beats the "First Author et al." line, wherever that came.
            header.authors = [AFFILIATION_MARK_RE.sub("", a) for a in AUTHOR_SPLIT_RE.split(text.rstrip("."))]
        elif AUTHOR_LIST_RE.match(text):
            header.authors = header.authors or AUTHOR_SPLIT_RE.split(text.rstrip("."))
        elif header.title is None and len(text) <= TITLE_MAX:
            header.title = text


def read_abstract(lines: list[PageLine], header: _Header) -> list[AbstractBlock]:
    """The abstract's paragraphs: a blank line or a leading label starts a new one."""
    paragraphs: list[list[str]] = []
    fresh = True
    for line in lines:
        text = line.text
        if not text:
            fresh = True
            continue
        if read_metadata_line(text, header):
            fresh = True
            continue
        if fresh or LEADING_LABEL_RE.match(text):
            paragraphs.append([])
        paragraphs[-1].append(text)
        fresh = False
    return [AbstractBlock(None, " ".join(p)) for p in paragraphs]


def unique(items: list[str]) -> tuple[str, ...]:
    """``items`` without repeats, first occurrence kept."""
    return tuple(dict.fromkeys(items))


def read_webtext(source: SourceText) -> list[Record]:
    """The one record in a pasted page."""
    page = clean_page(source.text)
    header_lines, abstract_lines = split_page(page.lines)
    header = _Header()
    read_header(header_lines, header)
    blocks = read_abstract(abstract_lines, header)
    first = next((line.number for line in page.lines if line.text), 1)
    return [Record(
        source=source.path, line=first, title=header.title, authors=unique(header.authors),
        journal=header.journal, year=header.year, doi=header.doi, pmid=header.pmid,
        publication_types=unique(header.publication_types + list(page.items("publication_types"))),
        mesh_terms=unique(list(page.items("mesh_terms"))),
        keywords=unique(header.keywords + list(page.items("keywords"))), blocks=tuple(blocks),
    )]
