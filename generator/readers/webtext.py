"""Reader for text pasted from a web page (PubMed, PMC, publishers, portals, aggregators).

``SourceText`` in, one ``Record`` out (a RefWorks export saved as text, one tag a line, gives a record for
each of its ``RT`` lines). The page is cleaned first (``cleaning``); what is left
is read by what each line is, not by which site it came from: citation lines and identifiers
(``citation``) wherever they stand, author and affiliation lines, the abstract, which starts at
an "Abstract" heading, else at the first labelled paragraph, else at the first paragraph of
prose, and ends where the article's body, its references or its bibliographic table begin.
The title is the line a reader takes as the title, by its shape and its place (before the
abstract; not navigation, a logo, a banner, a label, an author or a date line); a title a
citation line spells out wins when no header line is it. A page with no title line gets none:
the pipeline makes one and marks it made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.cleaning import (
    ABSTRACT_HEADING_RE, INSTITUTION_RE, PUBLICATION_TYPE_RE, PageLine, clean_page, is_affiliation,
)
from generator.model import AbstractBlock, Record, SourceText
from generator.parsing import (
    HEADING_PART_RE, INLINE_LABEL_RE, LABELS, STUDY_WORD_RE, is_heading, normalise_label, starts_with_label,
)
from generator.readers.citation import (
    CITATION_LABEL_RE, Citation, read_citation, read_ids, read_published_year, read_refworks, read_tail_citation,
    refworks_fields,
)

# "Abstract: text", "ABSTRACT - Background: ...", "AbstractOpportunities ...", "Abstract Background. ...", "ABSTRACT: Aims: ..."
ABSTRACT_PREFIX_RE = re.compile(r"^(?:Abstract|ABSTRACT|Summary|SUMMARY)(?:(?:\s*[:.|]\s*|\s+[-–—]\s+)+|\s+(?=[A-Z])|(?=[A-Z][a-z]))")
KEYWORDS_RE = re.compile(r"^key\s*words?\s*:\s*(?P<items>.+)$", re.IGNORECASE)
KEYWORD_SPLIT_RE = re.compile(r"\s*[;,]\s*")
# Labels a page prints on their own line with the value on the next: "DOI" / "https://doi.org/...".
LABEL_ONLY_RE = re.compile(r"^(?:DOI|Journal|Видання|Журнал|Year|How to Cite|Cite this article(?: as)?|Citation|Source"
                           r"|To appear in)\s*:?$",
                           re.IGNORECASE)
IDS_LINE_RE = re.compile(r"^(?:PMID|PMCID|NIHMSID|DOI|doi)\b\s*:?\s*\S")
# Author lines: "Cao G, Liu Y", "Michael J. Koretz, MD; David H. Lawson, MD", "Theo Ruers 1, Frits Van Coevorden 2 3",
# "Francois Ghiringhelli · Julie Vincent1", "Authors Cao G, ...", "by ..."; the "et al." line PubMed prints.
AUTHOR_PREFIX_RE = re.compile(r"^(?:Authors?:?|Автори:?|By|Written By|Verf\.angabe:?|verfasst von:?|Hauptverfasser:?)\s+",
                              re.IGNORECASE)
# A sentence ends after a word, not after an initial ("Elina S. Rantala" is one name).
WORD_SENTENCE_END_RE = re.compile(r"[a-z]{3}[.!?]\s+[A-Z]")
AUTHOR_SPLIT_RE = re.compile(r"\s*(?:;|·|,|\band\b|&|\*\s)\s*|\s{3,}")
AUTHOR_MARKS_RE = re.compile(r"[\d*†‡§¶#⇑|,]+|\b(?:MD|PhD|MA|MSc|MS|MPH|RN|DO|BSc|MB|FRCS|FACS|Dr|Prof|Jr|Sr)\b\.?")
NAME_TOKEN_RE = re.compile(r"^(?:[A-Z][\w'’.\-]*|[A-Z]{1,3}\.?|de|van|der|von|da|di|le|la|du|dos|del|den|ten|y|al|el|bin)$")
ET_AL_RE = re.compile(rf"^(?P<author>[^,;]+?)\s+et al\.?(?:\s+(?P<journal>[A-Z][^.;:]*?)\.(?:\s*(?P<year>(?:18|19|20)\d\d)\b.*|\s*\.?\s*))?$")
INVERTED_NAME_RE = re.compile(r"(?:(?:van|von|de|der|den|da|di|du|le|la|del|dos|ten|ter) )*[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?, "
                              r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}")
LIST_NUMBER_RE = re.compile(r"^\d{1,3}\.\s+")
INITIALS_RE = re.compile(r"(?:[A-Z]\.){1,4}")
AFFILIATION_MARK_RE = re.compile(r"(?:[\s,]*[\d*†‡§]+)*[\s,]*$")
AFFILIATION_MARK_CHAR_RE = re.compile(r"[\s,\d*†‡§]")  # any character of those marks
# What a title does not look like.
# Finite verbs and pronouns: sentences have them, titles (noun phrases, "... treated with X") seldom do.
SENTENCE_VERB_RE = re.compile(
    r"\b(?:was|were|is|are|has|have|had|been|we|our|us|can|may|could|should|would|will|did|does|showed|shows"
    r"|remains|remained|suggests?|indicates?|appears?|seems?|provides|describes|discusses|summari[sz]es|aimed"
    r"|investigates|examines|evaluates|compares|presents|reports)\b"
)
PROSE_START_RE = re.compile(r"^(?:This (?:article|study|review|paper|report)|We |In this |Here,? we |Our )")
NOT_TITLE_RE = re.compile(r"©|@\w|^https?:|www\.|\bdoi\b|\bcopyright\b|\bISSN\b|\s\|\s|\|$|»|\s>\s|\blogo|^\W|:$|^\d+$", re.IGNORECASE)
# A title a page cut short, and where the title ends when the page prints it whole before its authors: a footnote
# mark, or the first author's initials and name ("... follow-up† R. Dummer1, A. Hauschild2").
ELLIPSIS_END_RE = re.compile(r"\s*(?:\.{2,}|…)$")
TITLE_END_RE = re.compile(r"[†‡§¶*]|\s(?:[A-Z]\.\s?){1,3}[A-Z][a-z'’-]+\d?[,\s]")
# A journal's name cut after its "of", the rest on the next line (its ISSN between them, left out as furniture).
BROKEN_JOURNAL_RE = re.compile(
    r"^(?:[A-Z][\w&'’-]*\s+){0,3}(?:Journal|Annals|Archives|Acta|Bulletin|Proceedings)\s+(?:of|for)$")
# What starts a volume line, after the journal's name on its own line: "Volume 12, ...", "v.28; 2021", "2014;27(3):1-5"
VOLUME_START_RE = re.compile(r"^(?:Vol(?:ume)?\.?\s+\d|v\.\s?\d|(?:1[89]|20)\d\d\s*;\s*\d)")
# Searched for in a paragraph's last characters only: the mark ends it.
TRUNCATION_MARK_REACH = 80
TRUNCATION_MARK_RE = re.compile(r"\s*(?:\((?:More|more|Read more|Show more|See more)\)"
                                r"|(?:(?<=…)|(?<=\.\.\.)|\s+(?:\.\.\.|…))\s*(?:CONTINUE READING|read more))\s*$", re.IGNORECASE)
BROWSER_TITLE_RE = re.compile(r"^(?P<title>.{8,}?)\s+[-|–]\s+[^-|–]{2,40}$")
# A running head of surnames before the title: "Kim and Hwang: Title", "Kim, Lee, and Choi: Title" (not "Drug X: Title").
RUNNING_AUTHORS_RE = re.compile(r"^[A-Z][\w'’-]+(?:(?:, [A-Z][\w'’-]+)*,? and [A-Z][\w'’-]+| et al\.?):\s+(?=[A-Z])")
# Where the article's body starts after its abstract: "1. Introduction", "INTRODUCTION", "Introduction".
BODY_HEADING_RE = re.compile(r"^(?:\d{1,2}\.\s+[A-Z][A-Za-z ,&-]{2,40}|Introduction|INTRODUCTION|Main text|Background and aims"
                             r"|(?:Statement of )?Translational Relevance)$")
# A reference-list entry: "[1] J. Smith,et al. ...", "12. Smith AB, ... J Urol. 2001;..." or one a site marks.
REFERENCE_RE = re.compile(
    r"^(?:\[\d{1,3}\]|\d{1,3}\.)\s+[A-Z](?:[\w'’-]+,? (?:[A-Z]{1,3}\b|[A-Z]\.)|.{0,400}?(?:\bet al\b"
    r"|\b(?:18|19|20)\d\d\s*;\s*\d))"
    r"|(?:PubMed\s*Google Scholar|Google ScholarCrossref|\[Google Scholar\]|CrossRefPubMed)",
)
# A RefWorks export saved as a page, one tag a line.
REFWORKS_PAGE_RE = re.compile(r"\A\s*RT [^\n]*\n\s*(?:SR|T1|A1|JF|JO)\b")
REFWORKS_LINE_PAGE_RE = re.compile(r"\A\s*RT [^\n]*\sAB\s")  # all on one line, its abstract in it
REFWORKS_RECORD_RE = re.compile(r"^RT ", re.MULTILINE)
SIMPLE_SUMMARY_RE = re.compile(r"^Simple Summary\b")
FIRST_REFERENCE_RE = re.compile(r"^\[?1[.\]]\s")
NUMBERED_MARK_RE = re.compile(r"^\d{1,3}\.$")
SENTENCE_END_RE = re.compile(r"[.!?…](?:[\"”’)\]]*)(?:\s|$)")
INSTITUTION_START_RE = re.compile(
    r"^(?:The )?(?:(?:Department|Dept\.|Division|Unit|Section|Service|School|College|Faculty|Laboratory|Clinic|Center|Centre"
    r"|Universit\w*|Hospital)\s+(?:of|de|di|for|für)\b|Institut[eo]?\b|Istituto\b)")
FUNCTION_WORDS = frozenset("of and the for de di du da del der la le van von y e & at in".split())
TITLE_MAX = 450
# A title printed on two lines, as Adis and Springer print a drug evaluation's: its subject ("Interleukin-2", a few
# words) over its subtitle, which opens as one does ("A Review of its Use in ...", "An Update of its ...").
SUBJECT_MAX_WORDS = 4
SUBTITLE_START_RE = re.compile(
    r"^(?:A|An)\s+(?:[\w-]+\s+){0,3}?(?:Review|Update|Overview|Appraisal|Reappraisal|Meta-Analysis|Guide)\b"
    r"(?:\s+(?:of|in|for|on)\b|$)", re.IGNORECASE)
SHORT_TITLE_WORDS = 3  # "Liver tumors", a subject line, before "Current role of X in the treatment of Y"
LABEL_LINE_MAX = 60
FOOTER_CITATION_MAX = 150


@dataclass
class _Header:
    """What the lines of one page say of the article; filled while scanning, then frozen into a Record."""

    candidates: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    journal: str | None = None
    logo_journal: str | None = None
    year: int | None = None
    published_year: int | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    cited_title: str | None = None
    keywords: list[str] = field(default_factory=list)

    def take(self, found: Citation) -> None:
        """Fill what is still unknown from one citation line: the first line to say a thing wins."""
        if found.from_logo:
            self.logo_journal = self.logo_journal or found.journal
            return
        self.journal = self.journal or found.journal
        self.year = self.year or found.year
        self.doi = self.doi or found.doi
        self.pmid = self.pmid or found.pmid
        self.pmcid = self.pmcid or found.pmcid
        if found.title and not self.cited_title:
            self.cited_title = found.title.rstrip(". ").strip() or None


def read_metadata_line(line: str, header: _Header) -> bool:
    """Record what a metadata line says into ``header``; whether the line was metadata."""
    if len(line) > 400 and not CITATION_LABEL_RE.match(line) and not line.startswith("RT "):
        return False  # metadata lines are short (but a citation with its title): this bounds the regexes' work
    if match := KEYWORDS_RE.match(line):
        header.keywords.extend(k for k in KEYWORD_SPLIT_RE.split(match.group("items").rstrip(".")) if k)
        return True
    if found := read_citation(line):
        header.take(found)
        return True
    if (match := ET_AL_RE.match(line)) and not SENTENCE_VERB_RE.search(match.group("journal") or ""):
        header.authors = header.authors or [match.group("author").strip()]
        header.journal = header.journal or match.group("journal")
        if match.group("year") and not header.year:
            header.year = int(match.group("year"))
        return True
    ids = read_ids(line)
    if IDS_LINE_RE.match(line) or (ids.doi and len(line) < 200 and not SENTENCE_VERB_RE.search(line)):
        header.take(ids)
        header.published_year = header.published_year or read_published_year(line)
        return True
    if len(line) < 300 and (year := read_published_year(line)):  # a longer line is no date line: not searched
        header.published_year = header.published_year or year
        return True
    return False


def author_names(line: str) -> list[str] | None:
    """The names an author line lists, or None when the line is not one."""
    if len(line) > 3000 or WORD_SENTENCE_END_RE.search(line) and " et al" not in line:
        return None
    body = AUTHOR_PREFIX_RE.sub("", line).strip().rstrip(".")
    if (inverted := body.split(";")) and len(inverted) >= 2 and all(INVERTED_NAME_RE.fullmatch(n.strip()) for n in inverted):
        return [n.strip() for n in inverted]  # "Rizell, Magnus; Mattson, Jan" (Surname, Given; ...)
    parts = [p for p in AUTHOR_SPLIT_RE.split(body) if p.strip(" .")]
    names = []
    for part in parts:
        tokens = AUTHOR_MARKS_RE.sub(" ", part).split()
        if not tokens:
            continue
        if len(tokens) > 5 or not all(NAME_TOKEN_RE.match(t) for t in tokens):
            return None
        names.append(" ".join(tokens))
    single = len(names) == 1 and (line.rstrip().endswith((",", " and")) or AUTHOR_PREFIX_RE.match(line))
    if len(names) < 2 and not single:
        return None
    if sum(len(n.split()) >= 2 for n in names) < 0.6 * len(names):
        return None  # "Ipilimumab, Nivolumab, and Pembrolizumab" is a list of drugs, not of people
    return names


def is_label_line(text: str) -> bool:
    """Whether a line is a section label standing alone ("Purpose", "BACKGROUND", "Conclusion.",
    "Methodology/Principal Findings")."""
    if len(text) > LABEL_LINE_MAX or not text[:1].isupper():
        return False
    key = text.rstrip(":.").strip().lower()
    return key in LABELS or all(part in LABELS for part in HEADING_PART_RE.split(key) if part)


def is_prose(text: str) -> bool:
    """Whether a line reads as sentences of an abstract rather than as a title."""
    if PROSE_START_RE.match(text):
        return True
    if len(text) < 60 or not SENTENCE_VERB_RE.search(text) or is_question_title(text):
        return False
    return bool(SENTENCE_END_RE.search(text[-3:])) or len(text) >= 200 or len(SENTENCE_END_RE.findall(text)) >= 2


def is_question_title(text: str) -> bool:
    """Whether a line is one question, as titles ask ("X: is treatment consistent in Ontario?"), not sentences."""
    return text.endswith("?") and len(text) <= TITLE_MAX and not SENTENCE_END_RE.search(text[:-1])


def reads_as_sentences(text: str) -> bool:
    """Whether a line is sentences, not a title: a sentence that ends with a verb in it, or several."""
    if PROSE_START_RE.match(text):
        return True
    if is_question_title(text):
        return False
    ends = len(SENTENCE_END_RE.findall(text[:-1]))
    return bool(SENTENCE_VERB_RE.search(text)) and (ends >= 2 or bool(SENTENCE_END_RE.search(text[-2:])) and
                                                   len(text.split()) >= 8)


def is_title_shaped(text: str) -> bool:
    """Whether a header line has the shape of an article title."""
    words = text.split()
    if not 2 <= len(words) <= 70 or not 8 <= len(text) <= TITLE_MAX or NOT_TITLE_RE.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.islower() for c in letters) < 0.3 * len(letters) or not text[0].isupper() and not text[0].isdigit():
        return False
    return not (reads_as_sentences(text) or is_label_line(text) or is_affiliation(text) or names_an_institution(text)
                or author_names(text))


def names_an_institution(text: str) -> bool:
    """Whether a line names an institution, as an affiliation does, rather than an article: it starts with one
    ("Department of Surgery", "Institut Gustave Roussy", "University Hospital of X, Department of Y") or is one
    in title case ("Example University School of Medicine", "Clinic of Oncology, Example Hospital")."""
    if INSTITUTION_START_RE.match(text):
        return True
    words = text.rstrip(".").replace(",", " ").split()
    return bool(INSTITUTION_RE.search(text)) and len(words) <= 12 and ":" not in text and \
        all(w[:1].isupper() or w in FUNCTION_WORDS for w in words) and not STUDY_WORD_RE.search(text)


def abstract_start(lines: list[PageLine]) -> int:
    """The index of the first abstract line: after an "Abstract" heading, at a line it prefixes, at the first
    labelled paragraph, else at the first paragraph of prose; ``len(lines)`` when there is none."""
    for i, line in enumerate(lines):
        if ABSTRACT_HEADING_RE.fullmatch(line.text):
            return i + 1
        if (prefix := ABSTRACT_PREFIX_RE.match(line.text)) and (len(line.text) > 40 or is_label_line(line.text[prefix.end():])):
            return i  # "Abstract: text", or "Abstract Background" before the paragraph it heads
    probe = _Header()
    titled = False
    for i, line in enumerate(lines):
        text = line.text
        if not text or PUBLICATION_TYPE_RE.fullmatch(text) or read_metadata_line(text, probe) or author_names(text):
            continue
        if starts_with_label(text) or is_label_line(text) or is_prose(text):
            return i
        if titled and SENTENCE_END_RE.search(text[-2:]) and len(text.split()) >= 8:
            return i  # after the title, a sentence ("To evaluate the role of ...") starts the abstract
        titled = titled or is_title_shaped(text)
    return len(lines)


def join_labels(lines: list[PageLine]) -> list[PageLine]:
    """Lines with a label printed alone ("DOI", "Journal", "How to Cite") joined to the value on the next line (a label
    before a paragraph of prose is dropped)."""
    out: list[PageLine] = []
    pending: PageLine | None = None
    for line in lines:
        if pending is not None and line.text:
            if is_prose(line.text) and not read_citation(line.text):
                pending = None  # a label left alone ("Citation", its link gone), then the abstract: no value to join
            else:
                out.append(PageLine(pending.number, f"{pending.text.rstrip(':')} {line.text}"))
                pending = None
                continue
        if LABEL_ONLY_RE.match(line.text):
            pending = line
            continue
        out.append(line)
    if pending is not None:
        out.append(pending)
    return out


def without_marks(name: str) -> str:
    """A name without the affiliation marks after it ("Tala Achkar1,2" -> "Tala Achkar")."""
    # The marks' pattern is tried at every position of a line: it is run only on a line that ends in one of them.
    return AFFILIATION_MARK_RE.sub("", name) if name and AFFILIATION_MARK_CHAR_RE.match(name, len(name) - 1) else name


def is_person_name(text: str) -> bool:
    """Whether a short line is one person's name ("Akira Mizuki", "Tala Achkar1,2", "Hugo W.A.M. de Jong", BMJ's
    numbered "1. Joana B Neves1,2,")."""
    name = without_marks(LIST_NUMBER_RE.sub("", text))
    if INVERTED_NAME_RE.fullmatch(name):
        return True  # "van der Kruijssen, Dave E.W." (Surname, Given)
    if "," in name:
        return False  # "9. 9 Patient Representative, London, UK": a place, not a name
    tokens = AUTHOR_MARKS_RE.sub(" ", name).split()
    return 2 <= len(tokens) <= 5 and all(NAME_TOKEN_RE.match(t) and (len(t) <= 2 or not t.isupper() or
                                                                   INITIALS_RE.fullmatch(t)) for t in tokens)


def two_line_title(subject: str, subtitle: str) -> str | None:
    """The title a short subject line and the subtitle under it make ("Interleukin-2" / "A Review of its Use in
    ..." gives "Interleukin-2: A Review of its Use in ..."), or None when the two lines are not clearly one."""
    words = subject.split()
    if not (0 < len(words) <= SUBJECT_MAX_WORDS and subject[:1].isupper() and any(c.islower() for c in subject)
            and SUBTITLE_START_RE.match(subtitle) and is_title_shaped(subtitle) and ":" not in subtitle[:40]):
        return None
    if SENTENCE_END_RE.search(subject + " ") or ":" in subject or is_label_line(subject) or NOT_TITLE_RE.search(subject) \
            or author_names(subject) or is_person_name(subject) or read_citation(subject):
        return None
    return f"{subject}: {subtitle}"


def read_header(lines: list[PageLine], header: _Header) -> None:
    """Metadata, authors and the title candidates from the lines before the abstract."""
    texts = [line.text for line in lines if line.text]
    joined = -1  # the line read with the line above it: a journal's name or a title broken over two lines
    for i, text in enumerate(texts):
        # A publication type outside PubMed's place for one (the cleaning reads those) is no title either.
        if i == joined or PUBLICATION_TYPE_RE.fullmatch(text) or read_metadata_line(text, header):
            continue
        after = texts[i + 1] if i + 1 < len(texts) else ""
        before = texts[i - 1] if i else ""
        if BROKEN_JOURNAL_RE.match(text) and 0 < len(after.split()) <= 10 and not after.endswith("."):
            header.journal = header.journal or f"{text} {after}"  # "Journal of" / (its ISSN) / "Example Research"
            joined = i + 1
            continue
        if VOLUME_START_RE.match(after) and (found := read_citation(after)) and not found.journal \
                and found.year and len(text.split()) <= 8 and ":" not in text:
            header.journal = header.journal or text  # "BioMed Research International" / "Volume 2014 (2014), ..."
            continue
        if is_person_name(text) and (is_person_name(after) or is_person_name(before)):
            header.authors.append(without_marks(LIST_NUMBER_RE.sub("", text)))
            continue
        if names := author_names(text):
            if not header.authors or len(names) > len(header.authors):
                header.authors = [without_marks(n) for n in names]
            continue
        if title := two_line_title(text, after):
            header.candidates.append(title)
            joined = i + 1
            continue
        text = RUNNING_AUTHORS_RE.sub("", text)  # "Kim and Hwang: Title" (a running head)
        if is_title_shaped(text):
            header.candidates.append(text)


def choose_title(header: _Header) -> str | None:
    """The title: the header line a citation spells out, else the first title-shaped line (but a line the page
    prints again, or a full title after a short label-like line, wins over it), else the citation's."""
    def key(text: str) -> str:
        return re.sub(r"\W+", " ", text.lower()).strip()

    if header.cited_title:
        cited = key(header.cited_title)
        return next((c for c in header.candidates if key(c) == cited), header.cited_title)
    if not header.candidates:
        return None
    first = header.candidates[0]
    if (browser := BROWSER_TITLE_RE.match(first)) and any(key(c) == key(browser.group("title"))
                                                          for c in header.candidates[1:]):
        return browser.group("title")  # "Title - Site" as a browser prints it, the title again below
    keys = [key(c) for c in header.candidates]
    if keys.count(keys[0]) == 1:
        repeated = next((c for c, k in zip(header.candidates, keys) if keys.count(k) > 1), None)
        if repeated:
            return repeated  # the title a page prints twice (header and body) over a line it prints once
        if len(first.split()) <= SHORT_TITLE_WORDS:
            return next((c for c in header.candidates[1:] if len(c.split()) > SHORT_TITLE_WORDS + 1), first)
    return first


def read_abstract(lines: list[PageLine], header: _Header) -> list[AbstractBlock]:
    """The abstract's paragraphs, until the body, the references or the page's tables begin."""
    paragraphs: list[list[str]] = []
    fresh = True
    closed = False  # past the abstract's end: only metadata lines are read
    label = ""  # a citation's label on a line of its own ("How to cite this article:"): the next line is the citation
    for i, line in enumerate(lines):
        text = line.text
        if i == 0 and (prefix := ABSTRACT_PREFIX_RE.match(text)):
            text = text[prefix.end():]
        if not text:
            fresh = True
            continue
        if label:
            read_metadata_line(f"{label} {text}", header)
            label = ""
            continue
        if CITATION_LABEL_RE.fullmatch(text):
            label, closed = text, closed or bool(paragraphs)
            continue
        if closed:
            if IDS_LINE_RE.match(text) or text.lower().startswith(("citation", "cite this")):
                read_metadata_line(text, header)
            elif len(text) <= FOOTER_CITATION_MAX and not REFERENCE_RE.search(text) and (found := read_citation(text)) \
                    and found.journal and found.year and not found.authors:
                header.take(found)  # a PDF's footer after the abstract: "Acta Ex Venereol 2017; 97: 12-19."
            continue
        if REFERENCE_RE.search(text):
            if paragraphs and FIRST_REFERENCE_RE.match(paragraphs[-1][0]):
                paragraphs.pop()  # "1. WHO." opened the list
            break
        if paragraphs and ABSTRACT_HEADING_RE.fullmatch(text) and SIMPLE_SUMMARY_RE.match(paragraphs[0][0]):
            paragraphs.clear()  # MDPI: a "Simple Summary" for lay readers, then the abstract itself
            fresh = True
            continue
        if paragraphs and (ABSTRACT_HEADING_RE.fullmatch(text) or KEYWORDS_RE.match(text) and read_metadata_line(text, header)
                           or body_starts(text, paragraphs) or is_keyword_line(text, fresh)
                           and SENTENCE_END_RE.search(paragraphs[-1][-1][-2:])):
            closed = True  # the page repeats the abstract, or its keywords close it, or the article's body begins
            continue
        if NUMBERED_MARK_RE.match(text) or read_metadata_line(text, header) or author_names(text):
            fresh = True
            continue
        labelled = starts_with_label(text) or is_label_line(text)
        if fresh and not labelled and after_the_conclusions(paragraphs):
            closed = True  # a structured abstract ended with its conclusions; the body follows without a heading
            continue
        if fresh or labelled:
            paragraphs.append([])
        paragraphs[-1].append(text)
        fresh = is_label_line(text)
    return blocks_of(paragraphs, header)


def after_the_conclusions(paragraphs: list[list[str]]) -> bool:
    """Whether the paragraphs so far are a structured abstract (three labels or more) whose last labelled part,
    the conclusions, has its text."""
    labels = [(i, paragraph_label(p[0])) for i, p in enumerate(paragraphs)]
    labels = [(i, label) for i, label in labels if label]
    if len(labels) < 3 or labels[-1][1] != "conclusions":
        return False
    last, _ = labels[-1]
    return last < len(paragraphs) - 1 or not is_label_line(paragraphs[last][0])


def paragraph_label(line: str) -> str | None:
    """The section label a paragraph's first line prints ("Conclusions." alone, "RESULTS: ..."), if any."""
    if is_label_line(line):
        return normalise_label(line)
    if match := INLINE_LABEL_RE.match(line):
        return normalise_label(match.group("label")) if is_heading(match, line) else None
    return None


def is_keyword_line(text: str, alone: bool) -> bool:
    """Whether a line is an unlabelled keyword list ("colon cancer, stage II, adjuvant chemotherapy") or, as a
    paragraph of its own, one keyword ("dosimetry"), as pages print them after the abstract."""
    if SENTENCE_END_RE.search(text[-2:]) or is_label_line(text) or SENTENCE_VERB_RE.search(text):
        return False
    items = KEYWORD_SPLIT_RE.split(text)
    if len(items) >= 3:
        return all(0 < len(item.split()) <= 5 for item in items)
    return alone and text[:1].islower() and len(text.split()) <= 4


def body_starts(text: str, paragraphs: list[list[str]]) -> bool:
    """Whether a heading line after the abstract's paragraphs starts the article's body: a numbered one, or
    "Introduction" after an unstructured abstract or after the conclusions."""
    if not BODY_HEADING_RE.match(text):
        return False
    if not is_label_line(text):
        return True
    labels = [normalise_label(p[0]) for p in paragraphs if is_label_line(p[0])]
    return not labels or "conclusions" in labels


def blocks_of(paragraphs: list[list[str]], header: _Header) -> list[AbstractBlock]:
    """Blocks from the abstract's paragraphs: a label alone heads the next one; a citation run into the
    last paragraph is read and cut off; a paragraph with no sentence in it (keywords, a stray heading) dropped."""
    blocks: list[AbstractBlock] = []
    heading: str | None = None
    for lines in paragraphs:
        text = " ".join(lines)
        if is_label_line(text):
            heading = text.rstrip(":. ")
            continue
        if tail := read_tail_citation(text):
            text, found = tail
            header.take(found)
        if mark := TRUNCATION_MARK_RE.search(text, max(0, len(text) - TRUNCATION_MARK_REACH)):
            text = text[:mark.start()].rstrip()
        words = text.split()
        if not SENTENCE_END_RE.search(text) and len(words) <= 12 and not starts_with_label(text):
            continue
        blocks.append(AbstractBlock(heading, text))
        heading = None
    return blocks


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """``items`` without repeats, first occurrence kept."""
    return tuple(dict.fromkeys(items))


def read_refworks_page(source: SourceText) -> list[Record]:
    """The records of a RefWorks export saved as text, one tag a line ("RT Journal Article" / "T1 Title" / "AB ...")
    or all on one line with its abstract, each record from its "RT" line; none when the page is not one."""
    if not REFWORKS_PAGE_RE.match(source.text) and not REFWORKS_LINE_PAGE_RE.match(source.text):
        return []  # a one-line citation without its abstract heads a page read as usual
    records = []
    starts = [m.start() for m in REFWORKS_RECORD_RE.finditer(source.text)]
    for start, end in zip(starts, starts[1:] + [len(source.text)]):
        text = source.text[start:end]
        if not (fields := refworks_fields(text)) or not (found := read_refworks(text)):
            continue
        abstract = " ".join(fields.get("AB", []))
        records.append(Record(
            source=source.path, line=source.text.count("\n", 0, start) + 1, title=found.title,
            authors=unique(a for a in fields.get("A1", []) if a), journal=found.journal, year=found.year, doi=found.doi,
            keywords=unique(k for k in fields.get("K1", []) if k),
            blocks=(AbstractBlock(None, abstract),) if abstract else (),
        ))
    return records


def whole_title(title: str | None, lines: list[PageLine]) -> str | None:
    """``title``, or when the page cut it short ("Cutaneous melanoma: ESMO Clinical Practice Guidelines for ..."),
    the whole of it where the page prints it again further on, up to the authors or a footnote mark after it."""
    cut = ELLIPSIS_END_RE.search(title) if title else None
    if cut is None:
        return title
    start = title[:cut.start()]
    for line in lines:
        if line.text.startswith(start) and line.text != title and (end := TITLE_END_RE.search(line.text, len(start))):
            whole = line.text[:end.start()].rstrip(" ,.;")
            if len(whole) > len(start) and len(whole) <= TITLE_MAX:
                return whole
    return title


def read_webtext(source: SourceText) -> list[Record]:
    """The one record in a pasted page (or the records of a RefWorks export saved as text)."""
    if records := read_refworks_page(source):
        return records
    page = clean_page(source.text)
    lines = join_labels(list(page.lines))
    start = abstract_start(lines)
    header = _Header()
    read_header(lines[:start], header)
    blocks = read_abstract(lines[start:], header)
    title = whole_title(choose_title(header), lines)
    if not blocks:
        # No paragraph reads as an abstract: the page's text but its title is what there is to read.
        rest = [line for line in lines[:start] if line.text != title]
        blocks = read_abstract(rest, _Header())
    first = next((line.number for line in page.lines if line.text), 1)
    return [Record(
        source=source.path, line=first, title=title, authors=unique(header.authors or page.items("authors")),
        journal=header.journal or header.logo_journal, year=header.year or header.published_year, doi=header.doi, pmid=header.pmid,
        pmcid=header.pmcid,
        publication_types=unique(page.items("publication_types")),
        mesh_terms=unique(list(page.items("mesh_terms"))),
        keywords=unique(header.keywords + list(page.items("keywords"))), blocks=tuple(blocks),
    )]
