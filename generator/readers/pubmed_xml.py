"""Reader for PubMed XML (``PubmedArticleSet`` as E-utilities efetch and PubMed's "Save" write it).

One ``Record`` per ``PubmedArticle`` or ``PubmedBookArticle`` (a book or a chapter of
one, as NCBI Bookshelf's GeneReviews). The file is read as a stream (lxml's pull parser, fed
64 KiB at a time), each article dropped once read, so a file of 50,000 articles takes
no more memory to read than one of 50. Inline markup (``<i>``, ``<sup>``, ``<sub>``)
and MathML are turned into the text a reader sees. No entity is expanded and
nothing is fetched: a file that declares entities (in a DTD's internal subset)
is refused; an external DTD, as efetch names it, is never loaded. A file in UTF-16
(as Windows tools save one, with or without a byte-order mark) is fed to the parser
as UTF-8, its declaration saying so, as it is read.

One article that is not right is an error naming its line; the others are kept. Exports
joined into one file (``cat a.xml b.xml``) are read as one: where one ends and the next
begins is blanked in the bytes, every line number kept.
"""

from __future__ import annotations

import codecs
import io
import itertools
import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from generator.diagnostics import Diagnostic, error
from generator.model import AbstractBlock, Record, SourceText
from generator.readers.medline import mesh_terms

# The encoding an XML declaration names, which a text decoded and written again as UTF-8 no longer has.
DECLARED_ENCODING_RE = re.compile(rb"""\A(\s*<\?xml[^>]*?\sencoding=)(["'])[^"']*\2""")
YEAR_RE = re.compile(r"\b(?:18|19|20)\d\d\b")
SPACE_RE = re.compile(r"\s+")
ARTICLES = ("PubmedArticle", "PubmedBookArticle")
ROOTS = ("PubmedArticleSet", "PubmedBookArticleSet", *ARTICLES)
MATHML = "{http://www.w3.org/1998/Math/MathML}"
CHUNK = 1 << 16  # bytes fed to the parser at a time
# MathML that is not read: the TeX or MathML source an equation may carry beside it.
MATH_SKIPPED = {"annotation", "annotation-xml"}
# Markup that sets whole words apart (not ``<sub>``/``<sup>``, which are part of the word they follow).
WORD_MARKUP = {"i", "b", "u", "em", "strong"}


def _math_text(node: etree._Element) -> str:
    """An equation as it reads: ``V̇O₂max`` written in MathML gives "VO2max" (accents over a letter left out).

    Recursive: libxml2 refuses a file nested deeper than 256 elements (``huge_tree`` off), so it is bounded."""
    name = etree.QName(node).localname
    if name in MATH_SKIPPED:
        return ""
    children = list(node)
    if name in ("mtext", "mspace") and not children:
        return SPACE_RE.sub(" ", node.text or " ")  # the words and spaces an equation sets between its symbols
    if not children:
        return (node.text or "").strip()
    if name in ("mover", "munder", "munderover"):
        return _math_text(children[0])  # the accent or limit over a letter is not part of its name
    parts = [_math_text(child) for child in children]
    if name == "mmultiscripts" and "mprescripts" in (names := [etree.QName(c).localname for c in children]):
        split = names.index("mprescripts")  # the scripts after it go before the symbol: an isotope's "3He"
        return "".join(parts[split + 1:] + parts[:split])
    if name == "mfrac" and len(parts) == 2:
        return f"{parts[0]}/{parts[1]}"
    if name == "msqrt":
        return f"√({''.join(parts)})"
    if name == "mroot" and len(parts) == 2:
        return f"{parts[1]}√({parts[0]})"  # the index before the root: "3√(x2)"
    if name == "mfenced":
        separator = node.get("separators", ",").strip()[:1]
        return f"{node.get('open', '(')}{(separator + ' ' if separator else '').join(parts)}{node.get('close', ')')}"
    if name == "msup" and len(parts) == 2 and parts[0][-1:].isdigit() and parts[1][:1].isdigit():
        return f"{parts[0]} {parts[1]}"  # an exponent stays apart from its base, as ``<sup>`` does
    return "".join(parts)


def _set_apart(node: etree._Element, parts: list[str], following: str) -> bool:
    """Whether ``node`` is a word in italic (bold, ...) that letters run into: the text read so far ends in
    one and ``following`` starts with one. A letter or two is a symbol, part of its word ("NF-<i>κ</i>B")."""
    if node.tag not in WORD_MARKUP:
        return False
    word = "".join(node.itertext()).strip()
    last = next((p for p in reversed(parts) if p), "")
    return len(word) > 2 and word.isalpha() and last[-1:].isalpha() and following[:1].isalpha()


def flat_text(element: etree._Element | None) -> str:
    """The text of ``element`` with inline markup flattened and white space collapsed."""
    if element is None:
        return ""
    parts: list[str] = []
    # An explicit stack, not recursion: hostile files may nest markup thousands deep.
    stack: list[tuple[etree._Element, bool]] = [(element, False)]
    while stack:
        node, done = stack.pop()
        if done:
            tail = node.tail or ""
            if _set_apart(node, parts, tail):
                parts.append(" ")
            parts.append(tail)
            continue
        if isinstance(node.tag, str) and node.tag.startswith(MATHML):
            parts.append(_math_text(node))
            if node is not element:
                stack.append((node, True))
            continue
        text = node.text or ""
        # A line break before a sub- or superscript is the file's indentation, not a space in the word ("β2").
        if node.tag in ("sub", "sup") and parts and "\n" in parts[-1][len(parts[-1].rstrip()):]:
            parts[-1] = parts[-1].rstrip()
        # A superscript after a digit is an exponent ("10<sup>6</sup>"): keep it apart, as a
        # pasted page does ("10 6"), so it never reads as the number 106.
        if node.tag == "sup" and text[:1].isdigit() and parts and parts[-1][-1:].isdigit():
            parts.append(" ")
        # Some PubMed files drop the spaces around an italic word ("at the<i>TERT</i>gene"):
        # a word set apart is a word of its own when letters run into it on either side.
        if node is not element and _set_apart(node, parts, text):
            parts.append(" ")
        parts.append(text)
        if node is not element:
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return SPACE_RE.sub(" ", "".join(parts)).strip()


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


def texts(holder: etree._Element, path: str) -> tuple[str, ...]:
    """The distinct texts of the nodes at ``path``, in order."""
    return tuple(dict.fromkeys(t for node in holder.findall(path) if (t := flat_text(node))))


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


# Where one export ends and the next begins in files joined into one ("cat a.xml b.xml"): the end of one set,
# the next one's byte-order mark, declaration and DOCTYPE (never one with an internal subset), and its start.
JOINED_RE = re.compile(rb"</PubmedArticleSet>\s*(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>\[]*>\s*)?"
                       rb"<PubmedArticleSet>")
# A declaration after blank lines (a file saved by a script or a browser), which XML allows only first: in UTF-8
# it says nothing the parser needs.
LATE_DECLARATION_RE = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s+(<\?xml(?:(?!encoding)[^>])*(?:encoding=[\"']utf-?8[\"'][^>]*)?\?>)", re.IGNORECASE)
JOIN_BYTES = 4096  # more than a join takes


def _blank(match: re.Match[bytes], group: int = 0) -> bytes:
    """What ``match`` found turned into spaces, its line breaks kept (so every line number stays as it was)."""
    return re.sub(rb"[^\n]", b" ", match.group(group))


def _mend(data: bytes, first: bool, recoded: bool) -> bytes:
    """``data`` with the joins of exports (and first, a late declaration) blanked; first, when it was written again
    as UTF-8, with its declaration saying so."""
    if first and recoded:
        data = DECLARED_ENCODING_RE.sub(rb"\1\2utf-8\2", data, count=1)
    if first and (late := LATE_DECLARATION_RE.match(data)):
        data = data[:late.start(1)] + _blank(late, 1) + data[late.end(1):]
    return JOINED_RE.sub(_blank, data)


def _read(stream: BinaryIO, encoding: str | None) -> Iterator[bytes]:
    """``stream`` a ``CHUNK`` at a time: as it is, or decoded from ``encoding`` and written as UTF-8."""
    if encoding is None:
        yield from iter(lambda: stream.read(CHUNK), b"")
        return
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    while chunk := stream.read(CHUNK):
        yield decoder.decode(chunk).encode("utf-8")
    yield decoder.decode(b"", final=True).encode("utf-8")


def _chunks(stream: BinaryIO, encoding: str | None) -> Iterator[bytes]:
    """``stream`` (in ``encoding``, else as XML says) a chunk at a time, read as one document in UTF-8. The last
    ``JOIN_BYTES`` of what is read are held back for the next chunk, so a join is always seen whole."""
    data, first = b"", True
    for chunk in _read(stream, encoding):
        data += chunk
        if len(data) > 2 * JOIN_BYTES:
            data, first = _mend(data, first, encoding is not None), False
            yield data[:-JOIN_BYTES]
            data = data[-JOIN_BYTES:]
    if data:
        yield _mend(data, first, encoding is not None)


def parse_events(stream: BinaryIO, encoding: str | None = None) -> Iterator[tuple[str, etree._Element]]:
    """The parser's start and end events as ``stream`` is read, and every event before a syntax error (which
    ``iterparse`` may lose, depending on how much it has read), then the error. At the end of a cut-off file
    lxml makes up the end events of what was left open: they are dropped."""
    parser = etree.XMLPullParser(events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False, remove_comments=True, remove_pis=True)
    for chunk in itertools.chain(_chunks(stream, encoding), [b""]):
        failure = None
        try:
            parser.feed(chunk) if chunk else parser.close()
        except etree.XMLSyntaxError as exc:
            failure = exc
        if failure is None or chunk:
            yield from parser.read_events()
        if failure is not None:
            raise failure
        if not chunk:
            return


def iter_pubmed_xml(path: str, stream: BinaryIO, encoding: str | None = None) -> Iterator[Record | Diagnostic]:
    """Every article of a PubMed XML file as it is read from ``stream``, or the error that stops it. ``encoding``
    is the one the bytes are in when it is not what XML tells by them (UTF-16 without a byte-order mark)."""
    depth, in_set = 0, False
    try:
        for event, element in parse_events(stream, encoding):
            if event == "start":
                if depth == 0:
                    dtd = element.getroottree().docinfo.internalDTD
                    if dtd is not None and any(True for _ in dtd.iterentities()):
                        yield error(path, "XML with a DOCTYPE internal subset or ENTITY declarations "
                                          "is refused (entity expansion is unsafe)")
                        return
                    if element.tag not in ROOTS:
                        yield error(path, f"not a PubMed XML file (root element is <{element.tag}>)")
                        return
                    in_set = element.tag not in ARTICLES
                depth += 1
                continue
            depth -= 1
            if depth > int(in_set):
                continue
            if element.tag in ARTICLES:
                read = article_record if element.tag == "PubmedArticle" else book_record
                yield read(path, element, element.sourceline or 1)
            if in_set:
                # Read: dropped, with what came before it, so the tree never holds more than one article.
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        message = (exc.msg or "not well-formed").split(",", 1)[0].rstrip(".")
        yield error(path, f"malformed XML: {message}", line or None, col if line and col else None)


def read_pubmed_xml(source: SourceText) -> list[Record | Diagnostic]:
    """Every article in a PubMed XML text (a file is read as a stream, by ``iter_pubmed_xml``)."""
    data = DECLARED_ENCODING_RE.sub(rb"\1\2utf-8\2", source.text.encode("utf-8"), count=1)
    return list(iter_pubmed_xml(source.path, io.BytesIO(data)))
