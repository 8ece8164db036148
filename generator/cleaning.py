"""Clean stage for pasted web pages: raw page text in, ``CleanPage`` out.

Drops page furniture line by line, by its kind (``FURNITURE_KINDS``: navigation, banners,
sign-in prompts, metrics and citation counts, "cite this" widgets, indexing notes, contact
and editorial lines, reader settings), and whole blocks under a furniture heading (reference
lists, "Similar articles", subject classifications). Keeps each kept line's 1-based line
number, and collects the metadata lists a page carries under a heading ("MeSH terms",
"Publication types", "Keywords"), the publication types PubMed prints above the citation and
the title, and the authors an affiliation line names before its institution. A page pasted as
one line of Markdown ("Title ===== * Author ## Abstract ...") is split into its lines first,
and Crossref's JATS tags into paragraphs. Lines that carry metadata (citation, identifiers,
dates, authors) are kept: the reader reads them. Also holds ``normalise_unicode``, which every
reader applies to abstract text before sections (and so finding offsets) are built.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from re import _constants as _sre  # the parsed form of a rule: which characters it can start with
from re._parser import parse as _sre_parse

# One kind of furniture a tuple of rules; a kept line that fully matches a rule is that kind of furniture.
FURNITURE_KINDS: dict[str, tuple[str, ...]] = {
    "navigation": (
        r"\[?skip to (?:main )?(?:page )?(?:content|navigation)(?: landing)?\]?",
        r"access keys\b.*", r"(?:page navigation|main menu|user menu|search more|advanced search|advanced)",
        r"(?:next|previous) article in (?:journal|special issue)(?: / special issue)?",
        r"search (?:tips|criteria|by citation)\s*", r"search in (?:pubmed|nlm catalog)", r"add to search",
        r"browse subject areas", r"click through the plos taxonomy .*", r"for more information about plos subject areas.*",
        r"\?", r"[:|.,;]+", r"(?:, )+& show all", r"proceed to details", r"see this image and copyright information in pmc",
        r"(?:figure|fig\.|table) \d+[.:]?", r"(?:view )?(?:full )?(?:text )?(?:pdf|html)(?: \|.*)?",
        r"(?:cite|share|save|email|send to|display options|permalink|copy|actions|correction|source|export citation)",
        r"(?:choose destination|supplemental content|loading \.*|page \d+|you are on page \d+\s*of\s*\d+)",
        r"(?:download (?:pdf|citation|as pdf or txt)|view full text|show details|view (?:full )?metrics|get access)",
        r"download as pdf or txt", r"(?:article|chapter) metrics overview", r"machine reading by \w+",
        r"icon for .*", r"search", r"article text", r"author links open overlay panel", r"get rights and content",
        r"open archive", r"under a creative commons license",
        r"open in (?:a separate window|viewer|a new (?:tab|window))", r"show (?:more|less|abstract|all|full abstract)",
        r"add to mendeley", r"purchase pdf", r"access through your institution", r"article preview",
        r"article info(?:rmation)?", r"check for updates", r"request (?:full-text(?: pdf)?|pdf)", r"copy link",
        r"(?:public )?full-text available", r"public full-text", r"abstract only", r"download full issue",
        r"(?:cited by|citations|references|figures|tables|recommendations) \(\d[\d,]*\)",
        r"discover the world.s research.*", r"join researchgate .*", r"content uploaded by .*", r"author content",
        r"all content in this area was uploaded by .*",
        r"create a new collection", r"add to an existing collection", r"name your collection", r"title & authors",
        r"follow ncbi", r"connect with nlm", r"web policies", r"hhs vulnerability disclosure", r"national library of medicine",
        r"(?-i:\d+(?: [A-Z][\w.]*){1,4} (?:Pike|Street|St\.|Road|Rd\.|Avenue|Ave\.|Drive|Boulevard|Blvd\.|Lane|Way|Place)\b)"
        r"[^.;]{0,80}",  # a street address
        r"article pdf first page preview", r"access options", r"buy article pdf",
        r"instant access to the full article pdf\.?", r"price includes vat.*", r"tax calculation will be finalised.*",
        r"similar content being viewed by others", r"explore related subjects", r"discover the latest articles.*",
        r"use our pre-submission checklist", r"avoid common mistakes on your manuscript\.?", r"track citation",
        r"view all available purchase options.*", r"already a subscriber\?.*", r"request permissions",
        r"advertisement intended for .*", r"peer reviewed", r"reader comments", r"media coverage", r"rapid responses",
        r"recent activity", r"turn (?:off|on)", r"search history", r"save citation to file", r"format: .{1,40}",
        r"add to clipboard", r"view on publisher.s website", r"paper info", r"corpus id:? ?\d+",
        r"figures and tables from this paper", r"topics from this paper", r"paper mentions", r"share this paper",
        r"save to library", r"create alert", r"research output", r"supplementary materials?", r"data availability statement",
        r"article ?image", r"(?:orcid icon[, &]*)+(?:show all)?", r"download pdf\s*pdf",
        r".*select this link to jump to .*", r"in content section\..*",
        r"click (?:any|on|the) (?:figure|image|table).*", r"\|(?:[^|]*\|){2,}.*", r"(?:figure|table) \d+\s*\|.*",
    ),
    "article_type": (
        r"(?:(?:original|review|research|clinical|brief|short|special|invited|rapid|systematic)\s+)?"
        r"(?:article|research|review|reviews|minireviews?|study|communication|investigation|contribution|paper|papers"
        r"|letter|commentary|editorial|perspective|overview|primer)(?:\s+(?:article|paper)s?)?(?:\s+open access)?:?",
        r"[\w ]{1,40} open access", r"clinical(?: research papers:?)?", r"interventional radiology",
        r"letters? to the editor", r"systematic review and meta-analysis",
    ),
    "banner": (
        r"u\.s\. flag", r"an official website of the united states government", r"dot gov", r"https",
        r"the \.gov means it.s official\.?(?: .*)?", r"federal government websites often end in .*",
        r"the site is secure\.?(?: .*)?", r"preview improvements coming to the pmc website.*",
        r"the https:// ensures .*", r"advertisement", r".* requires javascript.*", r"loading",
        r".*\bjavascript (?:disabled|is disabled|required)\b.*", r".*\benable javascript\b.*",
        r"this is a pdf file of an unedited manuscript.*", r"published by elsevier\b.*", r"open access funded by\b.*",
        r"(?:corresponding author|research domain|article-type|open-access policy|citation|times cited|"
        r"journal information|number of hits and downloads) of this article",
        r"preprints \(earlier versions\) of this paper .*", r"please note: selecting permissions .*",
        r"(?:either )?your (?:web )?browser (?:doesn.t|does not) support javascript.*",
        r"this website (?:requires|uses) cookies.*", r"we use cookies.*", r"thank you for visiting [\w.]+\..*",
        r"(?:europe pmc|pubmed|pmc|ncbi|sciencedirect|springerlink|wiley online library|semantic scholar|researchgate"
        r"|scilit|google scholar|jama network|nothing special.*)",
        r"(?:pubmed )?disclaimer\b.*", r"we have located links .*", r"for the best experience, use the .*app",
        r"mobile app image", r"get se(?:e|a)mless .*", r"all material on this website is protected by copyright.*",
        r"this website also contains material copyrighted .*", r"by using this service, you agree .*",
        r"your privacy choices.*", r"you can now claim free cme credits.*", r"talk to us",
        r"join us for a \d+ min(?:ute)? session.*", r"schedule a call", r"maintenance infos?",
        r"(?!.{0,80} logoLink to ).{0,60}\blogo(?:link to .*)?", r"logo of .*", r"downloaded by:.*",
        r"\w+ \|", r"all rights reserved\.?", r"[\w-]*-logo", r"rent (?:the article.*|now)",
        r"\*?\s*final gross prices may vary.*", r"this is a preview of subscription content.*",
        r"(?:copyright\s*:?\s*)?(?:©|\(c\))\s*.*", r"copyright \d{4}\b.*", r"open-access: .*",
        r"free (?:pmc )?article", r"\[indexed for medline\]", r"(?:article )?(?:text size|font size|font type)\s*:.*",
        r"(?:arial georgia verdana|aa aa aa|line spacing:?|column width:?)",
        r"users online:.*", r"print this page\b.*",
        r"uploaded by .*", r"\d+ downloads?\b.*", r"idea transcript", r"tl;dr", r"checked for plagiarism.*",
        r"review by single anonymous peer review", r"peer reviewer comments \d+", r"open access",
        r"(?:open access |oa )?peer-reviewed chapter", r"main article content", r"article details",
    ),
    "sign_in": (
        r"(?:log ?in|log ?out|sign ?in|sign ?up|register|create an account|my cart|individual sign in"
        r"|institutional sign in|openathens shibboleth)",
        r"we.re unable to sign you in.*", r"we were able to sign you in.*", r"there may be a problem with your account.*",
        r"contact the \w+ service center:?", r"error message\W*", r"can.t access the paper\??", r"try logging in .*",
        r"item in clipboard",
    ),
    "metrics": (
        r"\d[\d,]* (?:scopus |crossref )?(?:citations?|views|downloads|references)(?: to date)?",
        r"(?:views|citations|downloads|cited)\s*:?\s*\d[\d,]*(?:\s*\|.*)?", r"(?:crossref citations to date|altmetric|kqi|nan|\[\])",
        r"(?!(?:1[89]|20)\d\d$)\d[\d,]*", r"(?:references|citations)", r"metrics: .*", r"total (?:views|pdf downloads): .*",
        r"\d[\d,]* chapter downloads", r"add (?:like|dislike)", r"add to (?:saved papers|collections|favorites|my bibliography)",
        r"(?:loading )?metrics", r"article metrics", r"number of (?:citations|works in the list of references)",
        r"indexed in (?:scopus|web of science)", r"yes|no", r"(?:page|article) views(?:/downloads)?\s*:?\s*\d[\d,]*",
    ),
    "cite_this": (
        r"\|?\s*cite this(?: article| page)?(?:\s*(?:bibtex|refer|ris|\|))*",
        r"(?:pdf \|\s*)?html \|.*how to cite",
    ),
    "indexing": (
        r"research output\s*:.*", r"original language\s*\w*", r"pages \(from-to\).*", r"number of pages\s*\d*",
        r"issue number\s*\d*", r"volume\s*\d+", r"pages? [\d\-–e]+", r"vol(?:ume)?\.? \d+\s*•\s*(?:number|issue) \d+\s*•?",
        r"article number\s*\w*", r"state\s*published", r"e?issn:?\s*[\d-]+x?",
        r"publisher:? .*", r"publication type", r"general information", r"details",
        r"article em \w+ \|.*", r"(?:part of the following topical collections|topical collection on .*):?",
        r".{0,60}\(\w+ \w+, section editor\)", r"this article is part of the research topic .*", r"sec\. .*",
        r"(?:see related (?:commentary|article).*|this article is featured in .*)",
        r"(?:submitted|received|revised|accepted|published|available online|first decision|peer-review started"
        r"|article in press|processing time|submission received|first published|issue date)\b\s*(?:for publication)?"
        r"\s*:?\s*$",
        r"\d+\s+(?:figures and tables|figures? & tables)", r"\(this article belongs to .*\)",
        r"(?:received|revised|accepted|submitted|reviewed)(?: for publication)?\s*:?\s*(?:\d|[a-z]+\.? \d)"
        r"(?!.*\bpublished\b).*",
        r"(?:видавець|publisher)\s*:?\s*.*", r".*(?:&#x;.*){2,}",
        r"peer-review started:.*", r"first decision:.*", r"article in press:.*", r"processing time:.*",
    ),
    "contact": (
        r"\*?\s*(?:corresponding author|correspondence(?: to| address)?|address for correspondence)\b.*",
        r"\*?\s*author to whom correspondence should be addressed\.?",
        r"(?:tel|telephone|phone|fax|call)\b\.?\s*:?\s*\+?[\d(].*", r"e-?mail\b.*", r".*\[email protected\].*",
        r"mon-fri .*", r"author contributions?:.*", r"conflict[- ]of[- ]interest(?: statement)?:.*",
        r"(?:academic )?editors?:.*", r"editor who approved publication:.*", r"orcid number:.*", r"supported by .*",
        r"ethics approval:.*", r"informed consent(?: statement)?:.*", r"\*?these authors contributed equally.*",
        r"co-(?:first|corresponding) authors?:.*", r"contributions?:\s*\(?[iv\d]+\)?.*", r"roles [A-Z][\w ,&–-]*", r"affiliations?", r"afiliação", r"author information:?",
        r"view affiliations", r"author affiliations", r"article notes", r"\(\d+\)\s*\S.*",
    ),
}
# Site navigation written out as words ("About this Journal Submit a Manuscript Table of Contents").
NAVIGATION_WORDS = frozenset(
    "home journals journal collections for authors reviewers editorial board members article articles processing "
    "charges open access ethics advertising policy policies resource center centre company information contact us "
    "about this submit a manuscript table of contents search login log in register help subscribe browse subject "
    "areas issues current issue archive all news more menu main the and & privacy terms cookie cookies settings my "
    "account cart sign up create an institutional individual alerts rss feeds tools share download pdf citation cite "
    "export view full text metrics related similar figures tables references supplementary material back to top next "
    "previous page publish with us blog careers librarians societies permissions reprints supplements press aims "
    "scope office instructions abstracting indexing subscription subscriptions links reviewer author as editors "
    "system online first latest special issues volumes your scimago country rank go to header navigation contents content "
    "footer skip get connect on social media".split()
)
WORD_RE = re.compile(r"[\w&]+")
# Link texts a copy runs together: "Go to headerGo to navigationGo to search".
GLUED_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
FURNITURE_MAX = 2000
# An affiliation: a numbered institution, "From the ...", or an institution with its place, in title case.
INSTITUTION = (r"(?:Department|Dept\.|Division|Devision|Unit|Section|Service|School|College|Faculty|Universit\w*|Hospital"
               r"|Institute|Instituto|Istituto|Institut|Center|Centre|Clinic|Laboratory|Foundation|IRCCS|Ospedale)")
NUMBERED_AFFILIATION_RE = re.compile(rf"^(?:\d{{1,2}}(?:,\d{{1,2}})*|[a-z]|[*†‡§])\s*[A-Z][^.]{{0,120}}?\b{INSTITUTION}\b")
LABELLED_AFFILIATION_RE = re.compile(rf"^(?:Affiliations?|From the|From)\s+.{{0,80}}?\b{INSTITUTION}\b")
INSTITUTION_RE = re.compile(rf"\b{INSTITUTION}\b")
# Baishideng's author lines: the names, then their institution ("Tian Meng, Meng-Hua Dai, Department of Surgery, ...").
PERSON = r"[A-Z][\w'’.]*(?:[ -][A-Z][\w'’.]*){1,3}"
NAMED_AFFILIATION_RE = re.compile(rf"^(?P<names>{PERSON}(?:, {PERSON}){{0,20}}), (?=(?:the )?{INSTITUTION}\b)")
LOWER_WORD_RE = re.compile(r"(?:^|\s)[a-z]")


# What a character class can start a line with: the digits and the spaces are few; any other class, anything.
CATEGORY_STARTS = {_sre.CATEGORY_DIGIT: frozenset("0123456789"), _sre.CATEGORY_SPACE: frozenset(" \t\n\r\f\v")}
ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT))


@functools.cache
def _first_letters(rule: str) -> frozenset[str] | None:
    """The characters (in lower case) a line that ``rule`` matches can start with, or None for any."""
    found, _ = _starts(list(_sre_parse(rule, re.IGNORECASE)))
    return frozenset(found) if found else None


def _starts(items: list) -> tuple[set[str] | None, bool]:
    """What a match of the parsed ``items`` can start with (None: anything), and whether it can be empty."""
    found: set[str] = set()
    for op, value in items:
        if op in ZERO_WIDTH:  # "^", "\b", a look-ahead: the next item starts the match
            continue
        first, empty = _item_starts(op, value)
        if first is None:
            return None, False
        found |= first
        if not empty:
            return found, False
    return found, True


def _item_starts(op, value) -> tuple[set[str] | None, bool]:
    if op is _sre.LITERAL:
        return {chr(value).lower()}, False
    if op is _sre.SUBPATTERN:
        return _starts(list(value[3]))
    if op is _sre.BRANCH:
        branches = [_starts(list(branch)) for branch in value[1]]
        if any(first is None for first, _ in branches):
            return None, False
        return set().union(*(first for first, _ in branches)), any(empty for _, empty in branches)
    if op in REPEATS:
        low, _, item = value
        first, empty = _starts(list(item))
        return first, empty or low == 0
    if op is _sre.IN:
        found: set[str] = set()
        for kind, code in value:
            if kind is _sre.LITERAL:
                found.add(chr(code).lower())
            elif kind is _sre.CATEGORY and code in CATEGORY_STARTS:
                found |= CATEGORY_STARTS[code]
            else:  # a range, another class, a negation
                return None, False
        return found, False
    if op is _sre.CATEGORY and value in CATEGORY_STARTS:
        return set(CATEGORY_STARTS[value]), False
    return None, False


@functools.cache
def _phrase(rule: str) -> str | None:
    """For a rule that can start with any character, and so scans the whole line (".* requires javascript.*"), the
    longest run of plain characters (in lower case) that every line it matches holds; None for other rules."""
    if _first_letters(rule) is not None:
        return None
    phrase = max(_literal_runs(list(_sre_parse(rule, re.IGNORECASE))), key=len, default="")
    return phrase.lower() or None


def _literal_runs(items: list) -> list[str]:
    """The runs of ASCII literals a match of the parsed ``items`` must hold, each one whole."""
    runs = [""]
    for op, value in items:
        if op is _sre.LITERAL and value < 128:
            runs[-1] += chr(value)
            continue
        runs.append("")
        if op is _sre.SUBPATTERN:
            runs += _literal_runs(list(value[3]))
        elif op in REPEATS and value[0] >= 1:
            runs += _literal_runs(list(value[2]))
    return runs


@functools.cache
def _scan_phrases() -> tuple[str, ...]:
    """The phrases of the rules that scan the whole line (``_phrase``)."""
    return tuple(sorted({phrase for rules in FURNITURE_KINDS.values() for rule in rules if (phrase := _phrase(rule))}))


# The characters that match a plain letter when case is ignored and that ``str.lower`` does not turn into it.
CASE_ALIASES = "\u0130\u0131\u017f"  # İ, dotless ı, long ſ


def _holds_a_phrase(line: str) -> bool:
    """Whether ``line`` holds a scanning rule's phrase, as ``re.IGNORECASE`` would find it."""
    if not line.isascii() and any(c in line for c in CASE_ALIASES):
        return True
    lower = line.lower()
    return any(phrase in lower for phrase in _scan_phrases())


def _furniture_re(rules: dict[str, list[str]]) -> re.Pattern:
    return re.compile("|".join(f"(?P<{kind}>{'|'.join(f'(?:{rule})' for rule in kept)})"
                               for kind, kept in rules.items() if kept), re.IGNORECASE)


@functools.cache
def furniture_re(start: str, scanning: bool = True) -> re.Pattern:
    """The furniture rules a line starting with ``start`` (a character in lower case) may match, in their order,
    with the rules that scan the whole line for a phrase only when ``scanning`` (the line holds one of their
    phrases): a line is tried against a few dozen rules rather than all 260 (a fifth of reading a page went on
    them), and most lines not against those few, which were most of the rest. (One pattern for a line with any
    phrase, not one for each set of them, keeps the patterns few whatever a page holds.)"""
    return _furniture_re({kind: [rule for rule in rules
                                 if ((letters := _first_letters(rule)) is None or start in letters)
                                 and (scanning or _phrase(rule) is None)]
                          for kind, rules in FURNITURE_KINDS.items()})


FURNITURE_RE = _furniture_re({kind: list(rules) for kind, rules in FURNITURE_KINDS.items()})

# A heading after which everything is furniture, until "Abstract" or a metadata list.
SKIP_HEADINGS = frozenset({
    "similar articles", "cited by", "references", "figures", "figures & tables", "comment in",
    "comment on", "supplementary concepts", "substances", "grants and funding",
    "linkout - more resources", "related information", "full text links",
    "conflict of interest statement", "erratum in", "associated data", "supplementary info",
    "related articles", "recommended articles", "full text sources", "miscellaneous",
    "list of references", "список літератури", "references indexed in scilit", "asjc scopus subject areas",
    "all science journal classification (asjc) codes", "cite this", "fingerprint", "compliance with ethical standards",
    "peer review reports", "recommend stories", "supplementary information", "acknowledgements", "acknowledgments",
    "conflict of interest", "funding", "rights and permissions", "about this article",
    "reprints and corporate permissions", "academic permissions", "highlights",
})
# A scilit record ends "This publication has 13 references indexed in Scilit:"; a skip heading also in this form.
# Lines after which the rest is a reference list: Scilit's count, and Springer's first reference number printed twice
# ("1. 1.") on a line of its own.
SKIP_LINE_RE = re.compile(r"this publication has \d+ references indexed in scilit:?|1\.\s*1\.", re.IGNORECASE)
# PubMed's publication types, as its pages print them: above the citation and the title, and under "Publication types".
PUBLICATION_TYPE_RE = re.compile(
    r"(?:(?:Adaptive |Pragmatic |Controlled |Randomized Controlled |Equivalence )?Clinical Trial"
    r"(?:, Phase (?:I|II|III|IV)|, Veterinary| Protocol)?|Randomized Controlled Trial(?:, Veterinary)?|Clinical Study"
    r"|Multicenter Study|Comparative Study|Observational Study(?:, Veterinary)?|Twin Study|Evaluation Study"
    r"|Validation Study|(?:Systematic |Scoping )?Review|(?:Network )?Meta-Analysis|Case Reports|Practice Guideline"
    r"|Guideline|Consensus Development Conference(?:, NIH)?|Editorial|Letter|Comment|News|Congress|Lecture|Interview"
    r"|Historical Article|Biography|Published Erratum|Retracted Publication|Retraction of Publication"
    r"|Expression of Concern|Corrected and Republished Article|Duplicate Publication|Preprint|Technical Report"
    r"|Introductory Journal Article|English Abstract|Journal Article|Research Support, (?:N\.I\.H\., (?:Extra|Intra)mural"
    r"|Non-U\.S\. Gov't|U\.S\. Gov't, (?:Non-)?P\.H\.S\.|American Recovery and Reinvestment Act))"
)
# What follows the publication type PubMed prints above an article: its citation, the journal's name before it
# (". 2006 Mar 20;24(9):1395-403." when the name, a button, is not copied), or, above the title printed again, the
# title and its "et al." line ("A B Author et al. J Urol. 1997 Nov.").
PUBMED_CITATION_RE = re.compile(r"(?:[A-Z][^.;:]{0,100})?\.\s+(?:18|19|20)\d\d(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+\d{1,2})?)?"
                                r"\s*[;:.].*")
PUBMED_DATE_START_RE = re.compile(r"\.\s+(?:18|19|20)\d\d\b")
ET_AL_LINE_RE = re.compile(r"[^.;]{2,80}? et al\.\s+\S.*\.")
# A heading whose lines, until the next heading, are metadata items.
LIST_HEADINGS = {
    "mesh terms": "mesh_terms", "publication types": "publication_types",
    "keywords": "keywords", "key words": "keywords",
}
# Navigation that names another article on the line after it ("Next Article in Journal" / its title).
NEXT_LINE_HEADINGS_RE = re.compile(
    r"(?:next|previous) article in (?:journal|special issue)(?: / special issue)?|(?:figure|fig\.|table) \d+\.?",
    re.IGNORECASE)
# A page outline ("1. Top of page 2. Abstract 3. METHODS ..."): the numbered lines after its first item.
OUTLINE_START_RE = re.compile(r"\d+\.\s+top of page", re.IGNORECASE)
OUTLINE_ITEM_RE = re.compile(r"\d{1,2}\.\s+\S.{0,60}")
# A reader-settings widget ("Font Type: ... Background:") ends at its "Background:" swatch.
SETTINGS_START_RE = re.compile(r"font type\s*:", re.IGNORECASE)
SETTINGS_END_RE = re.compile(r"background\s*:", re.IGNORECASE)

# A corresponding author's address printed a line at a time under its label, to the e-mail (or a few lines).
CONTACT_START_RE = re.compile(r"\*?\s*(?:corresponding authors?|correspondence(?: to)?|address for correspondence)\s*:?",
                              re.IGNORECASE)
CONTACT_END_RE = re.compile(r"e-?mail\b|.*@", re.IGNORECASE)
CONTACT_MAX_LINES = 10

ABSTRACT_HEADING_RE = re.compile(r"(?:abstract|summary)\s*:?(?:\s*[▴▲↑]\s*top)?", re.IGNORECASE)
BULLET_RE = re.compile(r"^(?:[•·▪◦‣*►-]|\d+\.)\s+")
SYMBOL_BULLET_RE = re.compile(r"^[•·▪◦‣*►–-](?:\s+|$)")
# A separator a portal prints after each field ("2018 ◽", "Vol 24 (1) ◽"), and the kind of work a portal sets
# before a title, in lower case ("scholarly journals Title of the article").
SEPARATORS = "◽◾▫"
SEPARATOR_TAIL_RE = re.compile(rf"\s*[{SEPARATORS}]+\s*$")
PORTAL_LABEL_RE = re.compile(r"^(?:scholarly journals|journal articles?|conference papers?|book chapters?)\s+(?=[A-Z0-9])")
TRAILING_STAR_RE = re.compile(r"\s*\*+$")
# A page pasted as one line of Markdown: a setext underline or an ATX heading inside the line.
MARKDOWN_BREAK_RE = re.compile(r"\s+(?:={4,}|-{4,}|#{1,6})\s+")
MARKDOWN_BULLET_RE = re.compile(r"\s+\*\s+(?=\S)")
# Markup a copy keeps: JATS and HTML text tags; a block tag ends a paragraph.
MARKUP_RE = re.compile(r"</?(?:jats:)?(?:sec|p|title|italic|bold|sup|sub|sc|i|b|em|strong|list|list-item|br)\b[^<>]{0,200}>")
BLOCK_TAG_RE = re.compile(r"</?(?:jats:)?(?:sec|p|title|list|list-item|br)\b[^<>]{0,200}>")
DOUBLED_LINE_RE = re.compile(r"^(?P<half>.{6,120}?) (?P=half)$")

# Characters a pasted page brings in that the extractor should not have to know.
# Minus, <=, >=, x and micro signs are kept: the extractor reads them.
UNICODE_TABLE = {
    **{cp: " " for cp in (0x00A0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
                          0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000)},
    **{cp: None for cp in (0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)},
    0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
    **{0xFF10 + d: str(d) for d in range(10)},
    0xFF05: "%", 0xFF0E: ".", 0xFF0C: ",", 0xFF1A: ":", 0xFF1B: ";", 0xFF08: "(", 0xFF09: ")",
    0xFF1C: "<", 0xFF1D: "=", 0xFF1E: ">", 0xFF0B: "+",
}


@dataclass(frozen=True)
class PageLine:
    """One kept line of a page and its 1-based line number in the file."""

    number: int
    text: str


@dataclass(frozen=True)
class CleanPage:
    """A page with its furniture out: kept lines (blank ones too) and metadata lists."""

    lines: tuple[PageLine, ...]
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def items(self, name: str) -> tuple[str, ...]:
        """The items of the metadata list ``name`` ("mesh_terms", ...), in page order."""
        return tuple(item for key, items in self.lists for item in items if key == name)


def normalise_unicode(text: str) -> str:
    """``text`` with odd spaces, invisible marks, ligatures and full-width digits made plain."""
    return text if text.isascii() else text.translate(UNICODE_TABLE)  # the table maps no ASCII character


def furniture_kind(line: str) -> str | None:
    """The kind of furniture one stripped line is ("navigation", "banner", ...), or None."""
    line = line.strip()
    if len(line) > FURNITURE_MAX:  # furniture is short; long lines are text, author lists or affiliations
        return "banner" if line.count("&#x;") >= 2 else ("affiliation" if is_affiliation(line) else None)
    start = line[:1].lower()
    if match := (furniture_re(start, _holds_a_phrase(line)) if len(start) == 1 else FURNITURE_RE).fullmatch(line):
        return match.lastgroup
    if is_affiliation(line):
        return "affiliation"
    if len(line) <= 400 and is_navigation_text(line):
        return "navigation"
    return None


def is_navigation_text(line: str) -> bool:
    """Whether a line is links' words alone ("About this Journal", "Go to headerGo to navigation"), but not a name
    cut after its "of" ("Journal of" / "Example Research": webtext joins them)."""
    first = WORD_RE.search(line)
    if first and line[:first.end() + 1].isascii() \
            and GLUED_RE.sub(" ", first.group()).split(" ")[0].lower() not in NAVIGATION_WORDS:
        return False  # most lines: their first word is no link's, told before the whole line is split into words
    words = WORD_RE.findall(GLUED_RE.sub(" ", line).lower())
    return len(words) >= 2 and all(w in NAVIGATION_WORDS for w in words) and words[-1] not in ("of", "for")


def is_affiliation(line: str) -> bool:
    """Whether a line names an author's institution (and not a sentence that mentions one)."""
    if len(line) > 1500:
        return False
    if NUMBERED_AFFILIATION_RE.match(line) or LABELLED_AFFILIATION_RE.match(line):
        return True
    if line.count(",") < 2 or not INSTITUTION_RE.search(line):
        return False
    words = line.split()
    return len(LOWER_WORD_RE.findall(line)) < 0.35 * len(words)


def is_furniture(line: str) -> bool:
    """Whether one stripped line is page furniture."""
    return furniture_kind(line) is not None


def list_item(line: str) -> str:
    """A metadata list item without its bullet and MeSH's major-topic ``*``."""
    return TRAILING_STAR_RE.sub("", BULLET_RE.sub("", line.strip())).strip().rstrip(";,").strip()


def split_lines(text: str) -> list[tuple[int, str]]:
    """The page's lines with their numbers; a line of flattened Markdown becomes the lines it stands for."""
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = normalise_unicode(raw).strip()
        if "<" in line and MARKUP_RE.search(line):
            # Crossref's JATS in a pasted abstract: "<jats:sec> Goals We aim ... </jats:sec>"
            for part in BLOCK_TAG_RE.split(line):
                out += [(number, MARKUP_RE.sub("", part).strip()), (number, "")]
        # (A Markdown break holds "#", "====" or "----": the pattern, tried at every space, is run only then.)
        elif len(line) > 200 and ("#" in line or "====" in line or "----" in line) and MARKDOWN_BREAK_RE.search(line):
            for part in MARKDOWN_BREAK_RE.split(line):
                for i, item in enumerate(MARKDOWN_BULLET_RE.split(part)):
                    out += [(number, "• " + item if i else item), (number, "")]
        else:
            out.append((number, line))
    return out


def pubmed_type_lines(entries: list[tuple[int, str]]) -> set[int]:
    """The indexes of the lines that print a publication type where PubMed prints one: above the article's
    citation, or above its title and the "et al." line after it (a type anywhere else, a word in the abstract,
    is no publication type)."""
    texts = [(i, line) for i, (_, line) in enumerate(entries) if line]
    found = set()
    for k, (i, line) in enumerate(texts):
        if not PUBLICATION_TYPE_RE.fullmatch(line):
            continue
        rest = [line for _, line in texts[k + 1:k + 6] if not PUBLICATION_TYPE_RE.fullmatch(line)][:2] + ["", ""]
        if PUBMED_CITATION_RE.fullmatch(rest[0]) or PUBMED_DATE_START_RE.match(rest[1]) and len(rest[0]) <= 100 \
                or ET_AL_LINE_RE.fullmatch(rest[1]):
            found.add(i)
    return found


def clean_page(text: str) -> CleanPage:
    """The page ``text`` with its furniture out, line numbers kept."""
    lines: list[PageLine] = []
    lists: list[tuple[str, list[str]]] = []
    state = "body"  # "body", "skip" (under a furniture heading), "list", "outline", "settings", "contact", "next", "copy"
    dropped = ""
    address_lines = 0
    entries = split_lines(text)
    typed = pubmed_type_lines(entries)
    for index, (number, raw) in enumerate(entries):
        bulleted = bool(SYMBOL_BULLET_RE.match(raw))
        line = SYMBOL_BULLET_RE.sub("", raw)
        if not line.isascii() and any(c in line for c in SEPARATORS):  # the pattern (\s* first) tries every space
            line = SEPARATOR_TAIL_RE.sub("", line)
        line = PORTAL_LABEL_RE.sub("", line).strip()
        # A doubled line is its half, a space and its half again: only a line with a space in its middle is tried.
        if len(line) % 2 and line[len(line) // 2] == " " and (doubled := DOUBLED_LINE_RE.match(line)):
            line = doubled.group("half")  # a banner that prints its name twice
        key = line.rstrip(":").strip().lower()
        if state == "next" or (state == "copy" and line == dropped):
            state, dropped = ("copy", line) if line else ("next", dropped)
            continue
        if state == "copy":
            state = "body"
        if state == "outline":
            if OUTLINE_ITEM_RE.fullmatch(line):
                continue
            state = "body"
        if state == "settings":
            if SETTINGS_END_RE.fullmatch(line) or not line:
                state = "body"
            continue
        if state == "contact" and (ABSTRACT_HEADING_RE.fullmatch(line) or len(line) > 200):
            state = "body"  # no e-mail line: the abstract (or its text) ends the address
        if state == "contact":
            if line:
                address_lines += 1
                if CONTACT_END_RE.match(line) or address_lines >= CONTACT_MAX_LINES:
                    state = "body"
            continue
        if state == "list" and line and lists[-1][1] and not bulleted and not (
                lists[-1][0] == "publication_types" and PUBLICATION_TYPE_RE.fullmatch(line)):
            state = "body"  # an unbulleted line after the items (but one more of PubMed's types): the list is over
        if ABSTRACT_HEADING_RE.fullmatch(line):
            state = "body"
        elif key in LIST_HEADINGS:
            state = "list"
            lists.append((LIST_HEADINGS[key], []))
            continue
        elif key in SKIP_HEADINGS or SKIP_LINE_RE.fullmatch(line):
            state = "skip"
            continue
        elif state == "body" and NEXT_LINE_HEADINGS_RE.fullmatch(line):
            state = "next"
            continue
        elif state == "body" and OUTLINE_START_RE.fullmatch(line):
            state = "outline"
            continue
        elif state == "body" and SETTINGS_START_RE.fullmatch(line):
            state = "settings"
            continue
        elif state == "body" and CONTACT_START_RE.fullmatch(line):
            state, address_lines = "contact", 0
            continue
        if state == "list":
            if line and list_item(line):
                lists[-1][1].append(list_item(line))
            continue
        if state == "skip":
            continue
        if index in typed:
            lists.append(("publication_types", (line,)))
            continue
        if line and (kind := furniture_kind(line)):
            if kind == "affiliation" and (named := NAMED_AFFILIATION_RE.match(line)):
                lists.append(("authors", tuple(named.group("names").split(", "))))
            continue
        lines.append(PageLine(number, line))
    return CleanPage(tuple(lines), tuple((name, tuple(items)) for name, items in lists))
