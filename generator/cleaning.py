"""Clean stage for pasted web pages: raw page text in, ``CleanPage`` out.

Drops page furniture (navigation, banners, app and login prompts, disclaimers,
"Similar articles", "Cited by", figure captions, reference lists) line by line,
keeps each kept line's 1-based line number, and collects the metadata lists a
page carries under a heading ("MeSH terms", "Publication types", "Keywords").
Also holds ``normalise_unicode``, which every reader applies to abstract text
before sections (and so finding offsets) are built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One rule a line: a kept line that fully matches any of these is furniture.
FURNITURE_RULES = (
    r"skip to (?:main )?(?:page )?content",
    r"u\.s\. flag",
    r"an official website of the united states government",
    r"dot gov",
    r"https",
    r"the \.gov means it.s official\.?",
    r"federal government websites often end in .*",
    r"the site is secure\.?",
    r"the https:// ensures .*",
    r"access keys\b.*",
    r"add (?:like|dislike)",
    r"add to (?:saved papers|collections|favorites|my bibliography)",
    r"affiliations?",
    r"author information:?",
    r"\(\d+\)\s*\S.*",  # a numbered affiliation under "Author information" (legacy PubMed)
    r"(?:pubmed )?disclaimer\b.*",
    r"we have located links .*",
    r"can.t access the paper\??",
    r"try logging in .*",
    r"for the best experience, use the .*app",
    r"mobile app image",
    r"get se(?:e|a)mless .*",
    r"all material on this website is protected by copyright.*",
    r"this website also contains material copyrighted .*",
    r"by using this service, you agree .*",
    r"your privacy choices.*",
    r"you can now claim free cme credits.*",
    r"talk to us",
    r"join us for a \d+ min(?:ute)? session.*",
    r"schedule a call",
    r"(?:copyright\s*)?(?:©|\(c\))\s*.*",
    r"copyright \d{4}\b.*",
    r"free (?:pmc )?article",
    r"(?:cite|share|save|email|send to|display options|permalink|copy|actions|page navigation)",
    r"(?:log ?in|sign ?in|sign ?up|register|download pdf|view full text|show details)",
    r"item in clipboard",
    r"search in (?:pubmed|nlm catalog)",
    r"add to search",
    r"(?:figure|fig\.|table) \d+[.:]?",
    r"see this image and copyright information in pmc",
    r"proceed to details",
    # Journal-page labels above the title, which would otherwise be read as the title.
    r"(?:open access|research article|original (?:article|research|investigation|contribution)"
    r"|clinical (?:study|investigation)|article|full text|pdf|html|metrics|article metrics)",
    r"(?:received|revised|accepted|published|published online|first published|issue date)\s*:?\s*\d.*",
)
FURNITURE_RE = re.compile("|".join(f"(?:{rule})" for rule in FURNITURE_RULES), re.IGNORECASE)

# A heading after which everything is furniture, until "Abstract" or a metadata list.
SKIP_HEADINGS = frozenset({
    "similar articles", "cited by", "references", "figures", "figures & tables", "comment in",
    "comment on", "supplementary concepts", "substances", "grants and funding",
    "linkout - more resources", "related information", "full text links",
    "conflict of interest statement", "erratum in", "associated data", "supplementary info",
    "related articles", "recommended articles", "full text sources", "miscellaneous",
})

# A heading whose lines, until the next heading, are metadata items.
LIST_HEADINGS = {
    "mesh terms": "mesh_terms", "publication types": "publication_types",
    "publication type": "publication_types", "keywords": "keywords",
}

ABSTRACT_HEADING_RE = re.compile(r"(?:abstract|summary)\s*:?", re.IGNORECASE)
BULLET_RE = re.compile(r"^(?:[•·▪◦‣*-]|\d+\.)\s+")
TRAILING_STAR_RE = re.compile(r"\s*\*+$")

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
    return text.translate(UNICODE_TABLE)


def is_furniture(line: str) -> bool:
    """Whether one stripped line is page furniture."""
    return bool(FURNITURE_RE.fullmatch(line.strip()))


def list_item(line: str) -> str:
    """A metadata list item without its bullet and MeSH's major-topic ``*``."""
    return TRAILING_STAR_RE.sub("", BULLET_RE.sub("", line.strip())).strip()


def clean_page(text: str) -> CleanPage:
    """The page ``text`` with its furniture out, line numbers kept."""
    lines: list[PageLine] = []
    lists: list[tuple[str, list[str]]] = []
    state = "body"  # "body", "skip" (under a furniture heading) or "list"
    for number, raw in enumerate(text.split("\n"), 1):
        line = normalise_unicode(raw).strip()
        key = line.rstrip(":").strip().lower()
        if ABSTRACT_HEADING_RE.fullmatch(line):
            state = "body"
        elif key in LIST_HEADINGS:
            state = "list"
            lists.append((LIST_HEADINGS[key], []))
            continue
        elif key in SKIP_HEADINGS:
            state = "skip"
            continue
        if state == "skip" or (line and is_furniture(line)):
            continue
        if state == "list":
            if line and list_item(line):
                lists[-1][1].append(list_item(line))
            continue
        lines.append(PageLine(number, line))
    return CleanPage(tuple(lines), tuple((name, tuple(items)) for name, items in lists))
