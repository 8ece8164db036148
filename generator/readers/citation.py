"""Citation lines as pasted pages print them: one line in, what it says of the article out.

``read_citation`` knows the styles real pages print, by their shape, not by their site:
PubMed and PMC ("J Urol. 1997 Nov;158(5):1675-8.", "Published in final edited form as: ...",
"J Surg Oncol. Author manuscript; ..."), Vancouver and AMA ("Arch Surg. 1991;126(7):898-903.
doi:..."), journal pages ("Cancer 2002;94:1753-9.", "Curr. Oncol. 2023, 30(3), 3366-3372;",
"Cardiovasc Intervent Radiol 35, 1480-1487 (2012)", "Front. Immunol., 08 January 2024"),
"Citation:" and "Cite this article as:" lines that carry the authors and the title too, catalogue
and portal fields ("Journal: X, 2022, p. 1", "JournalArchives of Surgery", "Publication status
Published - 1990"), and RefWorks-tagged text ("RT Journal Article SR Electronic T1 ..."). The
identifiers (DOI, PMID, PMCID) are read wherever a line prints them. Every pattern is bounded:
they run on every line of every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

YEAR = r"(?:1[89]\d\d|20\d\d)"
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
# A journal name or abbreviation as a citation starts it: no sentence inside, bounded.
JOURNAL = r"[A-Z][\w&'’().\-]*(?: (?:[A-Z(&][\w&'’().\-]*|of|and|the|in|for|de|la|et|y)){0,11}?"
LINE_MAX = 1000

# "J Urol. 1997 Nov;158(5):1675-8." / ". 2006 Mar 20;24(9):1395-403." / "Arch Surg. 1991;126(7):898-903."
PUBMED_RE = re.compile(
    rf"^(?:\d+\.\s+)?(?:(?P<journal>[A-Z][^.;:]{{0,80}}?)\.\s*|\.\s*)(?P<year>{YEAR})\b"
    rf"(?:\s+{MONTH}(?:[-/]{MONTH})?(?:\s+\d{{1,2}})?)?\s*(?:[;:.]|$)"
)
# PMC and Baishideng: "J Clin Oncol. Sep 1, 2010; 28(25): 3994-4005." / "World J Gastroenterol. Feb 15, 2004; 10(4)"
DATE_FIRST_RE = re.compile(rf"^(?P<journal>[A-Z][^.;:]{{0,80}}?)\.\s+{MONTH}\s+\d{{1,2}},\s+(?P<year>{YEAR});\s*\d")
# PMC author manuscripts: "J Surg Oncol. Author manuscript; available in PMC 2017 April 1." (not the year printed)
MANUSCRIPT_RE = re.compile(r"^(?P<journal>[A-Z][^.;:]{0,80}?)?\.?\s*Author manuscript;", re.IGNORECASE)
FINAL_FORM_RE = re.compile(r"^Published in final edited form as:\s*(?P<rest>.*)$", re.IGNORECASE)
# Journal pages: "Cancer 2002;94:1753-9." / "Semin Liver Dis 2018;38:97-102." / "Hepatoma Res 2021;7:18."
VOLUME_COLON_RE = re.compile(
    rf"^(?P<journal>{JOURNAL}),?\s+(?P<year>{YEAR})\s*;\s*\d+\s*(?:\(\d+\)|,\s*\d+)?\s*:\s*(?:[e\d]|XX)"
)
# MDPI: "Curr. Oncol. 2023, 30(3), 3366-3372; https://doi.org/..." / "Cancers 2021, 13, 1371."
COMMA_VOLUME_RE = re.compile(rf"^(?P<journal>{JOURNAL})\s+(?P<year>{YEAR}),\s*\d+(?:\(\d+\))?,\s*[e\d]")
# Springer and Nature: "Cardiovasc Intervent Radiol 35, 1480-1487 (2012)"
VOLUME_YEAR_RE = re.compile(rf"^(?P<journal>{JOURNAL})\s+\d+,\s*[\w\-–]+\s*\((?P<year>{YEAR})\)")
# PDF headers: "Clinical Oncology (2004) 16: 549e560" / "Smith et al. Journal of X (2017) 10:88"
PAREN_YEAR_RE = re.compile(rf"^(?P<journal>{JOURNAL})\s+\((?P<year>{YEAR})\)\s+\d+\s*:\s*[\de]")
PDF_AUTHORS_RE = re.compile(r"^[A-Z][\w'’-]+\s+(?:et al\.?|and\s+[A-Z][\w'’-]+)\s+(?=[A-Z])")
# LWW and Ovid: "Digestive Surgery 38(4):p 283-289, September 2021. | DOI: 10.1159/000517477"
LWW_RE = re.compile(
    rf"^(?P<journal>{JOURNAL})\s+\d+\s*\(\s*[\w-]+\s*\)\s*:\s*p\.?\s*[\w\-–]+,\s*(?:{MONTH}\s+)?(?:\d{{1,2}},\s*)?(?P<year>{YEAR})\b"
)
# Oxford and other PDF headers: "Annals of Oncology 26 (Supplement 5): v126–v132, 2015 doi:10.1093/annonc/mdv297"
VOLUME_PAGES_YEAR_RE = re.compile(
    rf"^(?P<journal>{JOURNAL})\s+\d+\s*(?:\([^()]{{1,30}}\))?\s*:\s*[\w\-–]+,\s*(?P<year>{YEAR})\b(?:\s+doi\b|\.?\s*$)"
)
# Vancouver without a label, as Baishideng prints it first: "Pinheiro M, Moreira DN, Ghidini M. Title. World J Gastroenterol
# 2024; 30(7): 644-651 [PMID: ...]": the authors (surname and initials), the title, then the journal and year.
# (Initials may be spaced, as Medknow prints them: "Pramesh C S".)
VANCOUVER_AUTHORS_RE = re.compile(r"^(?:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2} [A-Z]{1,3}(?: [A-Z]){0,2}, ){0,30}"
                                  r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2} [A-Z]{1,3}(?: [A-Z]){0,2}(?:, et al)?\.\s+"
                                  r"(?=[A-Z0-9])")
VANCOUVER_JOURNAL_RE = re.compile(
    rf"(?<=[.?!] )(?P<journal>{JOURNAL})\.?\s+(?P<year>{YEAR})\b(?:\s+{MONTH}(?:\s+\d{{1,2}})?)?\s*;\s*\d+"
)
ACCEPTED_MANUSCRIPT_RE = re.compile(r"^Accepted Manuscript\s+Title:\s*(?P<title>.{8,400}?)\s+Authors?:\s*(?P<authors>.{2,600}?)"
                                    r"(?:\s+PII:|$)")
# A journal's banner with its ISSN: "World Journal of Oncology, ISSN 1920-4531 print, 1920-454X online, Open Access"
ISSN_LINE_RE = re.compile(r"^(?P<journal>[A-Z][^,|;:]{2,100}?),?\s+(?:print\s+|online\s+)?(?:[ep]-?)?ISSN\b")
# Semicolon styles: "Cancer Rep (Hoboken) ; 6(1): e1650, 2023 01." / "Clin Cancer Res; 23(14); 3479-83. ©2017 AACR."
SEMICOLON_TAIL_RE = re.compile(rf"^(?P<journal>{JOURNAL})\s*;\s*\d+\s*\(\d+\)\s*[:;]\s*[e\d][\w\-–]*,\s*(?P<year>{YEAR})\b")
COPYRIGHT_TAIL_RE = re.compile(
    rf"(?:^|(?<=[.!?]\s))(?P<journal>{JOURNAL})\s*;\s*\d+\s*\(\d+\)\s*;\s*[\d\-–e]+\.\s*©\s*(?P<year>{YEAR})\b.{{0,80}}$"
)
# Wiley's line inside the last paragraph: "... parameter. Cancer 2002;94:1753-9. © 2002 American Cancer Society."
TITLE_WORDS = r"[A-Z][\w&'’()\-]*(?: (?:[A-Z&][\w&'’()\-]*|of|and|the|in|for|de)){0,8}"
INLINE_TAIL_RE = re.compile(
    rf"(?<=[.!?]\s)(?P<journal>{TITLE_WORDS})\s+(?P<year>{YEAR})\s*;\s*\d+\s*(?:\(\d+\))?\s*:\s*[\d\-–]+\.(?:\s*©.{{0,80}})?$"
)
# Frontiers: "Front. Immunol., 08 January 2024"
NAMED_DATE_RE = re.compile(rf"^(?P<journal>[A-Z][\w.]*(?: [A-Z][\w.]*){{0,5}}),\s+\d{{1,2}}\s+{MONTH}\s+(?P<year>{YEAR})$")
# DOAJ: "Cancer Reports (Jan 2023)"
NAME_YEAR_RE = re.compile(rf"^(?P<journal>[A-Z][\w&'’.\-]*(?: [\w&'’.\-]+){{0,5}})\s+\((?:{MONTH}\s+)?(?P<year>{YEAR})\)$")
# Breadcrumbs: "Back to Journals » Cancer Management and Research » Volume 13" / "J Urol Oncol > Volume 22(1); 2024 > Article"
BREADCRUMB_RE = re.compile(
    rf"^(?:Back to Journals\s*»\s*)?(?P<journal>[^»>]{{2,80}}?)\s*[»>]\s*Volume\s+\d+(?:\(\d+\))?(?:;\s*(?P<year>{YEAR}))?"
)
# Catalogue fields: "Journal: Progress in X, 2022, p. 101041" / "Видання: Dermatologic Clinics, 2012, № 3"
FIELD_RE = re.compile(
    rf"^(?:Journal|Видання|Журнал|Source)\s*:?\s*(?:(?P<year1>{YEAR}),\s*(?P<journal1>[^,№]{{2,120}}?)|"
    rf"(?P<journal2>[A-Z][^,№]{{1,120}}?),\s*(?P<year2>{YEAR}))(?:,|$)"
)
# Pure portals glue the label to its value: "JournalArchives of Surgery", "Publication statusPublished - 1990"
GLUED_JOURNAL_RE = re.compile(r"^Journal(?=[A-Z])(?P<journal>[^\d;|]{3,120})$")
# Dates that carry the publication year: "Date: 22 Sep 2010", "Published online: 24 Aug 2016", "Published 5 July 2021",
# Pure's "StatePublished - Jan 1 2019"
PUBLISHED_RE = re.compile(
    r"(?:^|[|;]\s*|(?<=\d)\s+|(?-i:(?<=[a-z])(?=Published)))(?:(?:Publication status|State)\s*Published|Published(?: online| date)?(?: on)?|First published|Publication date|Issue Date"
    rf"(?: \(electronic\))?|Date)\s*:?\s*-?\s*(?:{MONTH},?\s+|\d{{1,2}}(?:st|nd|rd|th)?,?\s+){{0,3}}"
    rf"(?P<year>{YEAR})(?!\d)",
    re.IGNORECASE,
)
# "Volume 48, Issue 6, June 2019" / "Volume 2014 (2014), Article ID 194278, 8 pages" / ", Volume 137, Issue 5, pp 865-873"
# / "Volume 12, Issue 3, March 2010, Pages 10-19" (ScienceDirect)
VOLUME_LINE_RE = re.compile(
    rf"^,?\s*(?:Vol(?:ume)?\.?\s+\d+\s*(?:\((?P<year1>{YEAR})\))?,\s*(?:Issue|Number|no\.|Article ID)\s*\w+"
    rf"(?:,\s*(?:(?:\d{{1,2}}\s+)?{MONTH}\s+(?P<year2>{YEAR})|(?:pp?\.?|Pages?)\s*[\d\-–e]+|\d+ pages|[\d\-–e]+)){{0,3}}\s*)$",
    re.IGNORECASE,
)
# A name printed twice, in any case, with or without a space: "OncologyONCOLOGY", "Example Surgery Example Surgery"
DOUBLED_NAME_RE = re.compile(r"(.{3,100}?)\s*\1", re.IGNORECASE)
# A journal's name before its volume and issue: "Example Oncology Vol 16 No 11", "Ex Rep Vol. 3, Issue 2"
VOLUME_NUMBER_RE = re.compile(rf"^(?P<journal>{JOURNAL})\s+Vol\.?\s*\d+,?\s*(?:No|Issue)\.?\s*[\w-]+$")
# A citation's tail alone on its line, after the journal's name on the line before: "2014;27(3):191-195"
BARE_TAIL_RE = re.compile(rf"^(?P<year1>{YEAR})\s*;\s*\d+\s*(?:\([\w -]{{1,12}}\))?\s*:\s*[e\d][\w\-–]*\.?$")
# PMC's own page before 2024, after the journal's name: "v.28; Jan-Dec 2021" / "v.9(3); 2019 Mar"
PMC_VOLUME_RE = re.compile(
    rf"^v\.\s?\d+(?:\(\d+\))?;\s*(?:{MONTH}(?:\s*[-–]\s*{MONTH})?\s+)?(?P<year1>{YEAR})"
    rf"(?:\s+{MONTH}(?:\s+\d{{1,2}})?)?$"
)
# Journal sites: "Vol 74, No 2 (2024)" / "2024, volume 74, number 2, 134–140" / JMIR's "Published on in Vol 8, No 2 (2022): Apr-Jun"
VOLUME_ISSUE_RE = re.compile(
    rf"^(?:(?:Published (?:on )?in )?Vol(?:ume)?\.?\s*\d+\s*,\s*(?:No|Issue|Iss|Number)\.?\s*[\w-]+\s*\((?:{MONTH}\s+)?"
    rf"(?P<year1>{YEAR})\)(?::\s*{MONTH}(?:\s*[-–]\s*{MONTH})?)?"
    rf"|(?P<year2>{YEAR}),\s*vol(?:ume)?\.?\s*\d+(?:,\s*(?:no|issue|number)\.?\s*[\w-]+)?(?:,\s*(?:pp?\.?\s*)?[\d\-–e]+)?)$",
    re.IGNORECASE,
)
# Springer Link prints the journal's name before its links: "Drugs Aims and scope Submit manuscript"
AIMS_AND_SCOPE_RE = re.compile(r"^(?P<journal>[A-Z][^|»>]{0,100}?)\s+Aims and scope(?:\s+Submit manuscript)?$")
# "Erschienen in: Cancer Cell International 1/2020", "Published in: X 2016-10, Vol.35 (4)", "In: X | Ausgabe 1/2020"
PUBLISHED_IN_RE = re.compile(
    rf"^(?:Published in|Erschienen in|Veröffentlicht in|Publié dans|Publicado en)\s*:?\s*(?P<journal>[A-Z][^|\d]{{1,120}}?)"
    rf"(?:\s*\|.*|\s+(?:\d{{1,3}}/)?(?P<year>{YEAR})\b.*|\s*)$"
)
# A preprint's "To appear in: Journal of X"
TO_APPEAR_RE = re.compile(r"^To appear in\s*:?\s*(?P<journal>[A-Z][^|]{2,120})$", re.IGNORECASE)
# Medknow: "Year : 2011 | Volume : 21 | Issue : 2 | Page : 113--120"
YEAR_FIELD_RE = re.compile(rf"^Year\s*:\s*(?P<year>{YEAR})\s*\|")
YEAR_HINT_RE = re.compile(YEAR)
YEAR_ONLY_RE = re.compile(rf"^(?:{MONTH}\s+)?(?:\d{{1,2}},?\s+)?(?P<year>{YEAR})$")
# PMC: "Oncology and Therapy logoLink to Oncology and Therapy" names the journal, unless it is a manuscript collection.
# A journal's name printed alone as the site's banner: "Journal of Example Surgery", "Indian Journal of X".
JOURNAL_NAME_RE = re.compile(
    r"^(?:[A-Z][\w&'’-]*\s+){0,3}(?:Journal|Annals|Archives|Acta|Bulletin|Proceedings)\s+(?:of|for)\s+"
    r"[A-Z][\w&'’-]*(?:\s+(?:[A-Z][\w&'’-]*|of|and|&|the|in|for)){0,6}$"
)
LOGO_RE = re.compile(r"^(?P<journal>[A-Z][^|]{1,160}?) logoLink to (?P=journal)$")
NOT_JOURNAL_RE = re.compile(
    r"manuscript|open access|nihpa|\bhhs\b|europe pmc|funders|sponsored|online open|open choice|collection"
    r"|^(?:springer|wiley(?:-blackwell)?|elsevier|oxford open|sage|karger|thieme|taylor & francis|bmj|nature publishing)",
    re.IGNORECASE,
)

# "Citation: Authors (2022) Title. PLoS ONE 17(1): e0261939." / APA "Nieder, C; ... (2014). Title. Oncology Letters, 8(3):972"
CITED_YEAR_RE = re.compile(rf"\s\((?P<year>{YEAR})\)\.?\s+")
JOURNAL_VOLUME_TAIL_RE = re.compile(
    r"(?<=[.?!])\s+(?P<journal>[A-Z][\w&'’.\- ]{1,80}?)(?:,?\s+\d+\s*(?:\(\d+\))?\s*:\s*e?\d|:\s*[A-Z]{2,}-?\d)"
)
NAME_LIST_RE = re.compile(r"^(?:[A-Z][^()]{0,600}?(?:,|;|\bet al\b)|[A-Z][\w'’-]+ [A-Z]{1,3}$)")
# Vancouver with authors and title: "Ghavimi S, ..., Pyrsopoulos NT. Title. J Clin Transl Hepatol. 2020;8(2):168-176."
VANCOUVER_TAIL_RE = re.compile(rf"(?:^|\s)(?P<journal>[A-Z][^.;:]{{0,80}}?)\.\s+(?P<year>{YEAR})\b(?:\s+{MONTH})?(?:\s+\d{{1,2}})?\s*;")
# MLA as OJS journals print it: "AN, Vinna et al. Title. Medical Research Archives, [S.l.], v. 6, n. 7, july 2018."
OJS_TAIL_RE = re.compile(rf"(?:^|\s)(?P<journal>[A-Z][^.,\[]{{2,80}}),\s*\[S\.l\.\],\s*v\.\s*\d+,\s*n\.\s*\d+,\s*(?:\w+\s+)?(?P<year>{YEAR})")
# Elsevier's "Please cite this article as: Authors, Title, Journal (2018), https://doi.org/..."
PAREN_YEAR_TAIL_RE = re.compile(rf",\s+(?P<journal>[A-Z][^,()]{{2,80}}?)\s+\((?P<year>{YEAR})\)\s*(?:,|$)")
AUTHORS_END_RE = re.compile(r"(?:\b[A-Z]{1,3}|\bet al|\bJr|[a-z]{2})\.\s+(?=[A-Z0-9“\"'(])")
CITATION_LABEL_RE = re.compile(r"^(?:Citation|(?:Please )?Cite this article(?: (?:in press )?as)?|How to cite(?: this article)?|To cite)\s*:?\s*", re.IGNORECASE)

DOI_RE = re.compile(
    r"(?:\bdoi\s*:?\s*(?:https?://(?:dx\.)?doi\.org/)?|https?://(?:dx\.)?doi\.org/|\bDOI\s*:?\s*(?:https?://doi\.org/)?)"
    r"(10\.\d{4,9}/[^\s\"<>|]{1,200})",
    re.IGNORECASE,
)
# A DOI a PDF broke at a space ("10.29011/2575-9760. 000195"): not to be read as the part before the break.
BROKEN_DOI_RE = re.compile(r"\.\s+\d{3,}\b")
BARE_DOI_RE = re.compile(r"^(10\.\d{4,9}/[^\s\"<>|]{1,200})(?:\s|$)")
PMID_RE = re.compile(r"\bPMID\s*:?\s*(\d{1,9})\b")
PMCID_RE = re.compile(r"\bPMCID\s*:?\s*(PMC\d{1,9})\b")
REFWORKS_TAG_RE = re.compile(r"(?:^|\s)(RT|SR|A1|A2|T1|T2|JF|JO|YR|FD|VO|IS|SP|OP|DO|UL|AB|K1|PB|SN|LA|NO|ID|AD|LK)\s")
REFWORKS_LINE_RE = re.compile(r"^(RT|SR|A1|A2|A3|T1|T2|T3|JF|JO|YR|FD|VO|IS|SP|OP|DO|UL|AB|K1|PB|PP|SN|LA|NO|ID|AD|LK|CN|ED|WP|DS|RD)(?: (.*)|$)")
TRAILING_PUNCT = ".,;:"


@dataclass(frozen=True)
class Citation:
    """What one line says of the article; ``None`` fields it does not say."""

    journal: str | None = None
    year: int | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    title: str | None = None
    authors: str | None = None
    from_logo: bool = False  # the journal is only a site's logo text: the weakest word on it


def find_doi(text: str) -> str | None:
    """The bare DOI a line prints ("doi: 10.x/y." -> "10.x/y"), if any."""
    match = DOI_RE.search(text) or BARE_DOI_RE.match(text)
    if not match or BROKEN_DOI_RE.match(text, match.end(1) - 1):
        return None
    return clean_doi(match.group(1))


def clean_doi(doi: str) -> str:
    """A DOI without the punctuation that ends the sentence around it (a closing bracket only when unbalanced:
    "[PMID: 1 DOI: 10.x/y]")."""
    doi = doi.rstrip(TRAILING_PUNCT)
    while doi.endswith(")") and doi.count(")") > doi.count("(") or doi.endswith("]") and doi.count("]") > doi.count("["):
        doi = doi[:-1].rstrip(TRAILING_PUNCT)
    return doi


def _journal(name: str | None) -> str | None:
    if not name:
        return None
    name = " ".join(name.split()).strip(" ,;:")
    if doubled := DOUBLED_NAME_RE.fullmatch(name):
        name = doubled.group(1)  # a logo's text run into the name it shows: "OncologyONCOLOGY"
    return name or None


NO_IDS = Citation()


def read_ids(line: str) -> Citation:
    """The identifiers a line prints: DOI, PMID, PMCID."""
    if "10." not in line and "PMID" not in line and "PMCID" not in line:
        return NO_IDS  # most lines: no regex needed to know
    pmid = PMID_RE.search(line) if "PMID" in line else None
    pmcid = PMCID_RE.search(line) if "PMCID" in line else None
    return Citation(doi=find_doi(line), pmid=pmid.group(1) if pmid else None, pmcid=pmcid.group(1) if pmcid else None)


def read_citation(line: str) -> Citation | None:
    """What a citation line says of the article, or None when the line is not one."""
    if len(line) > LINE_MAX:
        return None
    if final := FINAL_FORM_RE.match(line):
        rest = final.group("rest")
        found = read_citation(rest) if rest else None
        return found or Citation(doi=find_doi(rest))
    labelled = CITATION_LABEL_RE.match(line)
    if labelled or CITED_YEAR_RE.search(line):
        if found := read_full_citation(line[labelled.end():] if labelled else line, bool(labelled)):
            return found
    if labelled:
        line = line[labelled.end():]  # the citation after its label, in any of the styles below
    if line.startswith("RT ") and (found := read_refworks(line)):
        return found
    if match := ACCEPTED_MANUSCRIPT_RE.match(line):
        ids = read_ids(line)  # Elsevier's "Accepted Manuscript Title: X Authors: A, B PII: ... DOI: ..."
        return Citation(None, None, ids.doi, None, None, match.group("title"), match.group("authors"))
    if (authors := VANCOUVER_AUTHORS_RE.match(line)) and (tail := VANCOUVER_JOURNAL_RE.search(line, authors.end())):
        ids = read_ids(line)  # "Rossi A, Bianchi B. Title. World J Ex 2024; 30(7): 644-651 [PMID: 1 DOI: 10.x/y]"
        return Citation(_journal(tail.group("journal")), int(tail.group("year")), ids.doi, ids.pmid, ids.pmcid,
                        line[authors.end():tail.start()].strip() or None, line[:authors.end()].strip())
    return read_journal_line(line)


def read_journal_line(line: str) -> Citation | None:
    """A line that names the journal and year of the article, in any of the styles pages print."""
    if not YEAR_HINT_RE.search(line):
        return read_yearless_line(line)
    ids = read_ids(line)
    if match := _manuscript(line):
        return Citation(_journal(match.group("journal")), None, ids.doi, ids.pmid, ids.pmcid)
    if (published := PUBLISHED_RE.match(line)) and (rest := line[published.end():].lstrip(" ,.;|")):
        # "Published Online: May 25th 2012 Oncology & Hematology Review, 2012;8(1):43-7 DOI: ..."
        if (found := read_journal_line(rest)) and found.journal:
            return found
    for pattern in (DATE_FIRST_RE, PUBMED_RE, VOLUME_COLON_RE, COMMA_VOLUME_RE, VOLUME_YEAR_RE, SEMICOLON_TAIL_RE,
                    NAMED_DATE_RE, NAME_YEAR_RE, LWW_RE, VOLUME_PAGES_YEAR_RE):
        if match := pattern.match(line):
            return Citation(_journal(match.group("journal")), int(match.group("year")), ids.doi, ids.pmid, ids.pmcid)
    if match := PAREN_YEAR_RE.match(PDF_AUTHORS_RE.sub("", line, count=1)):
        return Citation(_journal(match.group("journal")), int(match.group("year")), ids.doi, ids.pmid, ids.pmcid)
    return read_yearless_line(line)


def _manuscript(line: str) -> re.Match | None:
    """``MANUSCRIPT_RE``'s match, looked for only in a line that holds "author m" in lower case (no other character
    matches its letters when case is ignored, so lower() finds it wherever the pattern would)."""
    return MANUSCRIPT_RE.match(line) if "author m" in line.lower() else None


def read_yearless_line(line: str) -> Citation | None:
    """A line that names the journal without a year: a breadcrumb, a portal field, a volume line, a banner."""
    # A pattern that scans the line for its word ("logoLink", "»", "ISSN", "Aims and scope", "Vol") is tried only
    # on a line that holds the word: most lines hold none, and the scans were most of this function's time.
    if " logoLink to " in line and (match := LOGO_RE.match(line)):
        journal = match.group("journal")
        return Citation(None if NOT_JOURNAL_RE.search(journal) else _journal(journal), from_logo=True)
    if match := _manuscript(line):
        return Citation(_journal(match.group("journal")))
    if match := FIELD_RE.match(line):
        journal = match.group("journal1") or match.group("journal2")
        return Citation(_journal(journal), int(match.group("year1") or match.group("year2")), find_doi(line))
    if ("»" in line or ">" in line) and (match := BREADCRUMB_RE.match(line)):
        year = match.group("year")
        return Citation(_journal(match.group("journal")), int(year) if year else None)
    if match := GLUED_JOURNAL_RE.match(line):
        return Citation(_journal(match.group("journal")))
    if match := VOLUME_LINE_RE.match(line) or VOLUME_ISSUE_RE.match(line) or PMC_VOLUME_RE.match(line) \
            or BARE_TAIL_RE.match(line):
        year = match.group("year1") or match.groupdict().get("year2")
        return Citation(None, int(year) if year else None)
    if match := "Aims and scope" in line and AIMS_AND_SCOPE_RE.match(line) or TO_APPEAR_RE.match(line) \
            or "Vol" in line and VOLUME_NUMBER_RE.match(line):
        return Citation(_journal(match.group("journal")))
    if match := PUBLISHED_IN_RE.match(line):
        return Citation(_journal(match.group("journal")), int(match.group("year")) if match.group("year") else None)
    if match := YEAR_FIELD_RE.match(line) or YEAR_ONLY_RE.match(line):
        return Citation(None, int(match.group("year")))
    if JOURNAL_NAME_RE.match(line):
        return Citation(_journal(line), from_logo=True)
    if "ISSN" in line and (match := ISSN_LINE_RE.match(line)):
        return Citation(_journal(match.group("journal")), from_logo=True)
    return None


def read_full_citation(text: str, labelled: bool = True) -> Citation | None:
    """A citation that carries the authors and the title: "Authors (2022) Title. Journal 17(1): e1." and kin;
    without a "Citation:" label, only the first kind, and only after a list of names."""
    ids = read_ids(text)
    if (year := CITED_YEAR_RE.search(text)) and NAME_LIST_RE.match(text[:year.start()]):
        rest = text[year.end():]
        if tail := JOURNAL_VOLUME_TAIL_RE.search(rest):
            return Citation(_journal(tail.group("journal")), int(year.group("year")), ids.doi, ids.pmid, ids.pmcid,
                            rest[:tail.start()].strip(), text[:year.start()].strip())
    if not labelled:
        return None
    tail = None
    for pattern in (VANCOUVER_TAIL_RE, OJS_TAIL_RE, PAREN_YEAR_TAIL_RE):
        matches = list(pattern.finditer(text))
        if matches:
            tail = matches[-1]
            break
    if tail is None:
        return None
    head = text[:tail.start("journal")].strip()
    end = AUTHORS_END_RE.search(head)
    title = head[end.end():].strip() if end else None
    authors = head[:end.end()].strip() if end else None
    return Citation(_journal(tail.group("journal")), int(tail.group("year")), ids.doi, ids.pmid, ids.pmcid,
                    title or None, authors)


def read_tail_citation(paragraph: str) -> tuple[str, Citation] | None:
    """A citation a journal page runs into the last paragraph ("... Cancer 2002;94:1753-9. © 2002 Wiley."):
    the paragraph without it, and what it says."""
    if len(paragraph) > 20 * LINE_MAX:
        return None
    tail = paragraph[-400:]
    # Each pattern is tried at every sentence's end: only where the tail holds its "©", or the ";" after a year.
    for pattern, mark in ((COPYRIGHT_TAIL_RE, "©"), (INLINE_TAIL_RE, ";")):
        if mark in tail and (match := pattern.search(tail)):
            start = len(paragraph) - len(tail) + match.start()
            return paragraph[:start].rstrip(), Citation(_journal(match.group("journal")), int(match.group("year")))
    return None


def read_published_year(line: str) -> int | None:
    """The year a "Published ..." or "Date: ..." line gives, if it gives one."""
    if len(line) > LINE_MAX:
        return None
    lower = line.lower()
    if "publ" not in lower and "date" not in lower:
        return None  # each of PUBLISHED_RE's labels holds one (no other letter matches these when case is ignored)
    match = PUBLISHED_RE.search(line)
    return int(match.group("year")) if match else None


def refworks_fields(text: str) -> dict[str, list[str]] | None:
    """The fields of RefWorks-tagged text, every value of each tag in order: one tag a line ("RT Journal Article" /
    "T1 Title" / "AB ...", a line without a tag continuing the field before it), or all on one line; None when
    the text is not RefWorks."""
    lines = [line.strip() for line in text.strip().split("\n")]
    if len(lines) >= 3 and lines[0].startswith("RT ") and all(REFWORKS_LINE_RE.match(line) for line in lines[:2]):
        fields: dict[str, list[str]] = {}
        last: list[str] | None = None
        for line in lines:
            if match := REFWORKS_LINE_RE.match(line):
                last = fields.setdefault(match.group(1), [])
                last.append((match.group(2) or "").strip())
            elif last is not None and line:
                last[-1] = f"{last[-1]} {line}"
        return fields
    tags = list(REFWORKS_TAG_RE.finditer(text))
    if len(tags) < 3 or tags[0].group(1) != "RT":
        return None
    fields = {}
    for tag, nxt in zip(tags, tags[1:] + [None]):
        fields.setdefault(tag.group(1), []).append(text[tag.end(): nxt.start() if nxt else len(text)].strip())
    return fields


def read_refworks(text: str) -> Citation | None:
    """RefWorks-tagged text ("RT Journal Article SR Electronic T1 Title JF Journal YR 2010 DO 10.x/y"), on one line or many."""
    fields = refworks_fields(text)
    if fields is None:
        return None

    def first(*tags: str) -> str:
        return next((fields[tag][0] for tag in tags if fields.get(tag) and fields[tag][0]), "")

    year = re.search(YEAR, first("YR") or first("FD"))
    doi = first("DO")
    return Citation(_journal(first("JF", "JO")), int(year.group(0)) if year else None,
                    clean_doi(doi) if doi.startswith("10.") else None, None, None, first("T1") or None, first("A1") or None)
