"""Reader for PubMed Central's XML: JATS (and its NLM forerunner) ``article`` elements.

One ``Record`` per ``article``: a single-article file from the PMC Open Access set or Europe PMC (``.nxml``,
``<article>`` at the root) or an efetch answer of many (``<pmc-articleset>``), read as a stream by
``xml_common.iter_articles`` (no entity expanded, nothing fetched, one bad article an error naming its line).
Its ``front`` gives the metadata; the main abstract (not a graphical abstract, a teaser or a summary, read only
when there is no other) gives the sections, each ``sec`` under its title. The body is not read.
"""

from __future__ import annotations

import re

from lxml import etree

from generator.diagnostics import Diagnostic, error
from generator.identity import pmcid
from generator.model import AbstractBlock, Record
from generator.readers.xml_common import YEAR_RE, ArticleReader, flat_text, texts

# The abstract a study is read from, then those read only without it; a graphical abstract (a picture and
# its caption) last.
MAIN_ABSTRACTS = (None, "abstract", "structured-abstract")
LAST_ABSTRACTS = ("graphical", "toc", "web-summary")
# The dates of publication, the journal issue's first (as PubMed's PubDate); a release or submission date never.
DATE_RANKS = {"ppub": 0, "epub-ppub": 1, "collection": 2, "epub": 3, "pub": 3, "epubr": 4}
# Links to affiliations, notes and footnotes: the marks after an author's name or a title's footnote sign.
NOTE_LINKS = {"aff", "fn", "corresp", "author-notes", "table-fn", "other"}
# What an abstract or a section holds that is not its text: its heading, read apart, and ids.
NOT_TEXT = {"title", "label", "object-id"}
NAME_PART_RE = re.compile(r"[^\W\d_]+")
# A DOI written as a link or with its scheme ("https://doi.org/10.x/y", "doi:10.x/y"): the DOI is what follows.
DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def _prune(meta: etree._Element) -> None:
    """``meta`` without what reads as noise in its text: note marks, and the TeX or picture an equation's
    MathML stands beside (``<alternatives>``). Its tree is the reader's own, dropped once read."""
    for link in meta.iter("xref"):
        if link.get("ref-type") in NOTE_LINKS:
            link.text = None
            for child in list(link):
                link.remove(child)
    for choice in meta.iter("alternatives"):
        if any(isinstance(c.tag, str) and c.tag.endswith("}math") for c in choice):
            for child in [c for c in choice if c.tag in ("tex-math", "graphic", "inline-graphic")]:
                choice.remove(child)  # its tail (between the alternatives) is only white space


def _initials(given: etree._Element) -> str:
    """A person's initials as MEDLINE prints them: "Jean-François" -> "JF", "G. A." -> "GA", "JA" -> "JA"."""
    if given.get("initials"):
        return given.get("initials", "").replace(".", "").replace(" ", "")
    words = NAME_PART_RE.findall(flat_text(given))
    return "".join(w if w.isupper() and len(w) <= 3 else w[0] for w in words)


def _person(name: etree._Element) -> str:
    """ "Surname Initials" (and a suffix) from a ``name``; the text of a ``string-name``."""
    surname = flat_text(name.find("surname"))
    if not surname:
        return flat_text(name)
    given = name.find("given-names")
    return " ".join(p for p in (surname, _initials(given) if given is not None else "",
                                flat_text(name.find("suffix"))) if p)


def _first(node: etree._Element, *paths: str) -> etree._Element | None:
    """The first element found at one of ``paths``, in that order."""
    return next((found for path in paths if (found := node.find(path)) is not None), None)


def authors(meta: etree._Element) -> tuple[str, ...]:
    """The authors (a ``contrib`` of type "author", or of no type) in order, a collective name in its place."""
    names = []
    for contrib in meta.findall("./contrib-group/contrib"):
        if contrib.get("contrib-type", "author").lower() != "author":
            continue
        name = _first(contrib, "./name-alternatives/name[@name-style='western']", "name", "./name-alternatives/name",
                      "string-name")
        collab = _first(contrib, "collab", "./collab-alternatives/collab")
        if name is not None and (person := _person(name)):
            names.append(person)
        elif collab is not None:
            for members in collab.findall("contrib-group"):  # the group's members, listed inside its name
                collab.remove(members)
            if text := flat_text(collab):
                names.append(text)
    return tuple(names)


def journal(article: etree._Element) -> str | None:
    """The journal's NLM abbreviation (as PubMed's ``MedlineTA``), its ISO one, or its title."""
    meta = article.find("./front/journal-meta")
    if meta is None:
        return None
    for kind in ("nlm-ta", "iso-abbrev"):
        if name := flat_text(meta.find(f"./journal-id[@journal-id-type='{kind}']")):
            return name
    return (flat_text(meta.find("./journal-title-group/journal-title")) or flat_text(meta.find("journal-title"))
            or flat_text(meta.find("abbrev-journal-title")) or None)


def year(meta: etree._Element) -> int | None:
    """The year of publication: of the journal issue (print, or the collection an online journal files it in)
    before the article's own online date, as PubMed's ``PubDate``."""
    found = []
    for order, date in enumerate(meta.findall("pub-date")):
        kind = date.get("pub-type") or date.get("date-type") or "pub"
        if kind == "pub" and date.get("publication-format") == "print":
            kind = "ppub"
        match = YEAR_RE.search(flat_text(date.find("year")) or date.get("iso-8601-date", ""))
        if kind in DATE_RANKS and match:
            found.append((DATE_RANKS[kind], order, int(match.group())))
    return min(found)[2] if found else None


def article_id(meta: etree._Element, kind: str) -> str | None:
    return flat_text(meta.find(f"./article-id[@pub-id-type='{kind}']")) or None


def _abstract(meta: etree._Element) -> etree._Element | None:
    """The main abstract; without one, a summary or teaser; a graphical abstract only when there is nothing else."""
    def rank(abstract: etree._Element) -> int:
        kind = abstract.get("abstract-type")
        return 0 if kind in MAIN_ABSTRACTS else 2 if kind in LAST_ABSTRACTS else 1
    found = sorted(meta.findall("abstract"), key=rank)  # stable: in file order within a rank
    return next((a for a in found if flat_text(a)), None)


def _parts(holder: etree._Element, heading: str | None, joined: bool) -> list[AbstractBlock]:
    """The parts of ``holder``, an abstract or a ``sec`` under ``heading``: its paragraphs (one part when
    ``joined``, as a section's are, else one each), and each ``sec`` in it a part of its own under its title."""
    blocks: list[AbstractBlock] = []
    paragraphs: list[str] = []

    def close() -> None:
        if paragraphs:
            blocks.append(AbstractBlock(heading, " ".join(paragraphs), own_part=True))
            paragraphs.clear()

    for child in holder:
        if not isinstance(child.tag, str) or child.tag in NOT_TEXT:
            continue
        if child.tag == "sec":
            close()
            title = flat_text(child.find("title")) or flat_text(child.find("label")) or None
            blocks.extend(_parts(child, title, joined=True))
        elif text := flat_text(child):
            paragraphs.append(text)
            if not joined:
                close()
    close()
    return blocks


def abstract_blocks(meta: etree._Element) -> tuple[AbstractBlock, ...]:
    """The main abstract's parts: each ``sec`` under its title (or label), each paragraph outside one a part of its
    own. The abstract's own title ("Abstract", "Summary") is not a part."""
    abstract = _abstract(meta)
    return tuple(_parts(abstract, None, joined=False)) if abstract is not None else ()


def article_record(path: str, article: etree._Element, line: int) -> Record | Diagnostic:
    """One ``Record`` from one ``article`` element."""
    meta = article.find("./front/article-meta")
    if meta is None:
        return error(path, "article without front/article-meta; skipped", line)
    _prune(meta)
    return Record(
        source=path, line=line, title=flat_text(meta.find("./title-group/article-title")) or None,
        authors=authors(meta), journal=journal(article), year=year(meta),
        doi=DOI_PREFIX_RE.sub("", article_id(meta, "doi") or "") or None, pmid=article_id(meta, "pmid"),
        pmcid=pmcid(article_id(meta, "pmc") or article_id(meta, "pmcid")),
        publication_types=texts(meta, "./article-categories/subj-group[@subj-group-type='heading']/subject"),
        keywords=texts(meta, "./kwd-group/kwd"), blocks=abstract_blocks(meta),
    )


READERS: dict[str, ArticleReader] = {"article": article_record}
SETS = frozenset({"pmc-articleset"})
