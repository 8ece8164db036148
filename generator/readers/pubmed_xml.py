"""Reader for PubMed XML (``PubmedArticleSet`` as E-utilities efetch and PubMed's "Save" write it).

One ``Record`` per ``PubmedArticle`` or ``PubmedBookArticle`` (a book or a chapter of
one, as NCBI Bookshelf's GeneReviews), read as a stream by ``xml_common.iter_articles``
(no entity expanded, nothing fetched, one bad article an error naming its line).
"""

from __future__ import annotations

from lxml import etree

from generator.diagnostics import Diagnostic, error
from generator.identity import pmcid
from generator.model import AbstractBlock, Record
from generator.readers.medline import mesh_terms
from generator.readers.xml_common import YEAR_RE, ArticleReader, flat_text, texts


def abstract_blocks(holder: etree._Element) -> tuple[AbstractBlock, ...]:
    """The abstract's parts, each under its ``Label`` (or its ``NlmCategory`` when unlabelled)."""
    blocks = []
    for part in holder.findall("./Abstract/AbstractText"):
        category = part.get("NlmCategory")
        heading = part.get("Label") or (category.title() if category and category != "UNASSIGNED" else None)
        if text := flat_text(part):
            blocks.append(AbstractBlock(heading, text, own_part=True))
    return tuple(blocks)


def authors(author_list: etree._Element | None) -> tuple[str, ...]:
    """Authors as PubMed's MEDLINE AU field prints them: "Walther MM", or the collective name."""
    names = []
    for author in author_list.findall("./Author") if author_list is not None else ():
        last, initials = flat_text(author.find("LastName")), flat_text(author.find("Initials"))
        if last:
            names.append(f"{last} {initials}".strip())
        elif collective := flat_text(author.find("CollectiveName")):
            names.append(collective)
    return tuple(names)


def year_of(date: etree._Element | None) -> int | None:
    """The year of a ``PubDate`` (its ``Year``, else its ``MedlineDate``: "1998 Winter")."""
    if date is None:
        return None
    match = YEAR_RE.search(flat_text(date.find("Year")) or flat_text(date.find("MedlineDate")))
    return int(match.group()) if match else None


def doi(*places: tuple[etree._Element | None, str]) -> str | None:
    """The first DOI among ``ArticleId``/``ELocationID`` nodes: (parent, path to the id nodes) each."""
    for parent, path in places:
        for node in parent.findall(path) if parent is not None else ():
            if (node.get("IdType") or node.get("EIdType")) == "doi" and flat_text(node):
                return flat_text(node)
    return None


def mesh(citation: etree._Element) -> tuple[str, ...]:
    found: list[str] = []
    for heading in citation.findall("./MeshHeadingList/MeshHeading"):
        found.extend(mesh_terms(flat_text(heading.find("DescriptorName")),
                                [flat_text(q) for q in heading.findall("QualifierName")]))
    return tuple(dict.fromkeys(found))


def article_record(path: str, entry: etree._Element, line: int) -> Record | Diagnostic:
    """One ``Record`` from one ``PubmedArticle`` element."""
    citation = entry.find("./MedlineCitation")
    article = citation.find("./Article") if citation is not None else None
    if article is None:
        return error(path, "PubmedArticle without MedlineCitation/Article; skipped", line)
    journal = (flat_text(citation.find("./MedlineJournalInfo/MedlineTA"))
               or flat_text(article.find("./Journal/ISOAbbreviation")) or flat_text(article.find("./Journal/Title")))
    return Record(
        source=path, line=line, title=flat_text(article.find("ArticleTitle")) or None,
        authors=authors(article.find("AuthorList")), journal=journal or None,
        # The year of the journal issue, not of electronic publication.
        year=year_of(article.find("./Journal/JournalIssue/PubDate")),
        doi=doi((entry, "./PubmedData/ArticleIdList/ArticleId"), (article, "./ELocationID")),
        pmid=flat_text(citation.find("PMID")) or None,
        pmcid=pmcid(flat_text(entry.find("./PubmedData/ArticleIdList/ArticleId[@IdType='pmc']"))),
        publication_types=texts(article, "./PublicationTypeList/PublicationType"),
        mesh_terms=mesh(citation), keywords=texts(citation, "./KeywordList/Keyword"),
        blocks=abstract_blocks(article),
    )


def book_record(path: str, entry: etree._Element, line: int) -> Record | Diagnostic:
    """One ``Record`` from one ``PubmedBookArticle``: a chapter (its title, in the book's) or a whole book."""
    document = entry.find("./BookDocument")
    if document is None:
        return error(path, "PubmedBookArticle without BookDocument; skipped", line)
    book = document.find("./Book")
    book_title = flat_text(book.find("BookTitle")) if book is not None else ""
    chapter = flat_text(document.find("ArticleTitle")) or flat_text(document.find("VernacularTitle"))
    publisher = flat_text(book.find("./Publisher/PublisherName")) if book is not None else ""
    # A chapter's authors are the document's; a book's own authors (not its editors) are the book's.
    names = authors(document.find("AuthorList"))
    if not names and book is not None:
        names = authors(next((a for a in book.findall("AuthorList") if a.get("Type") != "editors"), None))
    return Record(
        source=path, line=line, title=chapter or book_title or None, authors=names,
        journal=(book_title if chapter else publisher) or None,
        year=year_of(book.find("PubDate")) if book is not None else None,
        doi=doi((document, "./ArticleIdList/ArticleId"), (entry, "./PubmedBookData/ArticleIdList/ArticleId"),
                (document, "./ELocationID")),
        pmid=flat_text(document.find("PMID")) or None,
        publication_types=texts(document, "./PublicationType") + texts(document, "./PublicationTypeList/PublicationType"),
        mesh_terms=mesh(document), keywords=texts(document, "./KeywordList/Keyword"),
        blocks=abstract_blocks(document),
    )


READERS: dict[str, ArticleReader] = {"PubmedArticle": article_record, "PubmedBookArticle": book_record}
SETS = frozenset({"PubmedArticleSet", "PubmedBookArticleSet"})
