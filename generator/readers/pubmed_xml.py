"""Reader for PubMed XML (``PubmedArticleSet`` as E-utilities efetch returns it).

``SourceText`` in, one ``Record`` per ``PubmedArticle`` out. Inline markup in
titles and abstracts (``<i>``, ``<sup>``, ``<sub>``, ``<b>``) is flattened to its
text. Entity declarations are refused before parsing (billion laughs); an
external DOCTYPE, as efetch writes it, is blanked out and never fetched.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from generator.diagnostics import InputError, error
from generator.model import AbstractBlock, Record, SourceText
from generator.readers.medline import mesh_terms

# An external DOCTYPE without an internal subset: harmless, blanked to keep line numbers.
EXTERNAL_DOCTYPE_RE = re.compile(r"<!DOCTYPE[^\[>]*>", re.IGNORECASE)
DECLARATION_RE = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
ARTICLE_START_RE = re.compile(r"<PubmedArticle[\s>]")
YEAR_RE = re.compile(r"\b(?:18|19|20)\d\d\b")
SPACE_RE = re.compile(r"\s+")
ROOTS = ("PubmedArticleSet", "PubmedArticle")


def flat_text(element: ET.Element | None) -> str:
    """The text of ``element`` with inline markup flattened and white space collapsed."""
    if element is None:
        return ""
    parts: list[str] = []
    # An explicit stack, not recursion: hostile files may nest markup thousands deep.
    stack: list[tuple[ET.Element, bool]] = [(element, False)]
    while stack:
        node, done = stack.pop()
        if done:
            parts.append(node.tail or "")
            continue
        text = node.text or ""
        # A superscript after a digit is an exponent ("10<sup>6</sup>"): keep it apart, as a
        # pasted page does ("10 6"), so it never reads as the number 106.
        if node.tag == "sup" and text[:1].isdigit() and parts and parts[-1][-1:].isdigit():
            parts.append(" ")
        parts.append(text)
        if node is not element:
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return SPACE_RE.sub(" ", "".join(parts)).strip()


def parse_xml(source: SourceText) -> ET.Element:
    """The root element of a PubMed XML file, or ``InputError`` saying what is wrong."""
    text = EXTERNAL_DOCTYPE_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source.text, count=1)
    if match := DECLARATION_RE.search(text):
        line = text.count("\n", 0, match.start()) + 1
        raise InputError(error(source.path, "XML with a DOCTYPE internal subset or ENTITY declarations "
                                            "is refused (entity expansion is unsafe)", line))
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, col = exc.position
        message = str(exc).split(":", 1)[0]
        raise InputError(error(source.path, f"malformed XML: {message}", line, col + 1)) from None
    if root.tag not in ROOTS:
        raise InputError(error(source.path, f"not a PubMed XML file (root element is <{root.tag}>)"))
    return root


def abstract_blocks(article: ET.Element) -> tuple[AbstractBlock, ...]:
    """The abstract's parts, each under its ``Label`` (or its ``NlmCategory`` when unlabelled)."""
    blocks = []
    for part in article.findall("./Abstract/AbstractText"):
        category = part.get("NlmCategory")
        heading = part.get("Label") or (category.title() if category and category != "UNASSIGNED" else None)
        text = flat_text(part)
        if text:
            blocks.append(AbstractBlock(heading, text))
    return tuple(blocks)


def authors(article: ET.Element) -> tuple[str, ...]:
    """Authors as PubMed's MEDLINE AU field prints them: "Walther MM", or the collective name."""
    names = []
    for author in article.findall("./AuthorList/Author"):
        last, initials = flat_text(author.find("LastName")), flat_text(author.find("Initials"))
        collective = flat_text(author.find("CollectiveName"))
        if last:
            names.append(f"{last} {initials}".strip())
        elif collective:
            names.append(collective)
    return tuple(names)


def publication_year(article: ET.Element) -> int | None:
    """The year of the journal issue (``PubDate``), not of electronic publication."""
    date = article.find("./Journal/JournalIssue/PubDate")
    match = YEAR_RE.search(flat_text(date.find("Year")) or flat_text(date.find("MedlineDate"))) \
        if date is not None else None
    return int(match.group()) if match else None


def doi(entry: ET.Element, article: ET.Element) -> str | None:
    """The article's DOI from its id list, else its ``ELocationID``."""
    for node in entry.findall("./PubmedData/ArticleIdList/ArticleId"):
        if node.get("IdType") == "doi" and flat_text(node):
            return flat_text(node)
    for node in article.findall("./ELocationID"):
        if node.get("EIdType") == "doi" and flat_text(node):
            return flat_text(node)
    return None


def build_record(source: SourceText, entry: ET.Element, line: int) -> Record:
    """One ``Record`` from one ``PubmedArticle`` element."""
    citation = entry.find("./MedlineCitation")
    article = citation.find("./Article") if citation is not None else None
    if article is None:
        raise InputError(error(source.path, "PubmedArticle without MedlineCitation/Article", line))
    mesh: list[str] = []
    for heading in citation.findall("./MeshHeadingList/MeshHeading"):
        mesh.extend(mesh_terms(flat_text(heading.find("DescriptorName")),
                               [flat_text(q) for q in heading.findall("QualifierName")]))
    journal = (flat_text(citation.find("./MedlineJournalInfo/MedlineTA"))
               or flat_text(article.find("./Journal/ISOAbbreviation")) or flat_text(article.find("./Journal/Title")))
    return Record(
        source=source.path, line=line, title=flat_text(article.find("ArticleTitle")) or None,
        authors=authors(article), journal=journal or None, year=publication_year(article),
        doi=doi(entry, article), pmid=flat_text(citation.find("PMID")) or None,
        publication_types=tuple(dict.fromkeys(
            flat_text(t) for t in article.findall("./PublicationTypeList/PublicationType") if flat_text(t))),
        mesh_terms=tuple(dict.fromkeys(mesh)),
        keywords=tuple(flat_text(k) for k in citation.findall("./KeywordList/Keyword") if flat_text(k)),
        blocks=abstract_blocks(article),
    )


def read_pubmed_xml(source: SourceText) -> list[Record]:
    """Every article in a PubMed XML file."""
    root = parse_xml(source)
    entries = [root] if root.tag == "PubmedArticle" else root.findall("./PubmedArticle")
    starts = [source.text.count("\n", 0, m.start()) + 1 for m in ARTICLE_START_RE.finditer(source.text)]
    return [build_record(source, entry, starts[i] if i < len(starts) else 1) for i, entry in enumerate(entries)]
