"""Parse stage: a record's abstract blocks -> labelled ``Section`` values.

Handles headed blocks (XML ``Label``, pasted "Results:" paragraphs), labels
inline in one paragraph ("BACKGROUND: ... METHODS: ..."), and unstructured text.
"""

from __future__ import annotations

import re

from generator.cleaning import normalise_unicode
from generator.model import AbstractBlock, Record, Section

LABELS = {
    "background": "background", "introduction": "background", "context": "background",
    "rationale": "background",
    "purpose": "objective", "objective": "objective", "objectives": "objective",
    "aim": "objective", "aims": "objective", "goal": "objective", "goals": "objective",
    "purposes": "objective", "study objective": "objective", "aim of the study": "objective",
    "methods": "methods", "method": "methods", "study design": "methods",
    "patients and methods": "methods", "materials and methods": "methods", "material and methods": "methods",
    "design": "methods", "methodology": "methods", "experimental design": "methods",
    "subjects and methods": "methods", "methods and materials": "methods",
    "design, setting, and participants": "methods", "patients": "methods",
    "setting": "methods", "participants": "methods", "interventions": "methods",
    "main outcome measures": "methods", "study design and methods": "methods",
    "results": "results", "findings": "results", "result": "results",
    "conclusion": "conclusions", "conclusions": "conclusions",
    "interpretation": "conclusions", "conclusions and relevance": "conclusions",
    "discussion": "conclusions", "summary": "conclusions", "implications": "conclusions",
    "importance": "background", "hypothesis": "objective", "data sources": "methods",
    "study selection": "methods", "data extraction": "methods", "evidence acquisition": "methods",
    "main outcomes and measures": "methods", "exposures": "methods", "measurements": "methods",
    "main results": "results", "evidence synthesis": "results", "authors' conclusions": "conclusions",
    "significance": "conclusions", "clinical relevance": "conclusions",
    # In a case report the case is what was found.
    "case presentation": "results", "case report": "results", "case description": "results",
    # Labelled, so they are not run into the conclusions, but not part of the argument.
    "trial registration": "other", "clinical trial registration": "other", "registration": "other",
    "funding": "other", "level of evidence": "other", "abbreviations": "other",
}

NLM_CATEGORIES = {
    "BACKGROUND": "background", "OBJECTIVE": "objective", "METHODS": "methods",
    "RESULTS": "results", "CONCLUSIONS": "conclusions",
}

_LABEL_ALTERNATION = "|".join(
    re.escape(k).replace(r"\ ", r"\s+") for k in sorted(LABELS, key=len, reverse=True)
)
# A known label where a heading can stand: at the start, or after a sentence (or a bracket) ends. Which
# of these are headings ``is_heading`` decides: a label followed by a colon, a capitalised label that is
# a sentence by itself ("Methods. We ..."), or one printed as a heading without punctuation ("RESULTS The",
# "Patients and Methods Patients", "Purpose We" at the start) -- never the last word of a sentence. (The space
# before a label is looked for first: most places in a text are inside a word, and one look tells.)
INLINE_LABEL_RE = re.compile(
    rf"(?:^|(?<=\s)(?:(?<=[.!?)\]]\s)|(?<=[.!?)\]]\s\s)))(?P<label>{_LABEL_ALTERNATION})(?P<sep>\s*:\s+|\.\s+|\s+(?=(?-i:[A-Z][a-z])))",
    re.IGNORECASE | re.MULTILINE,
)
# A label at the very start of a paragraph, with its colon: "Materials and methods: ...".
LEADING_LABEL_RE = re.compile(rf"^({_LABEL_ALTERNATION})\s*:\s*", re.IGNORECASE)
# Compound headings ("PATIENTS/METHODS", "Methods and Findings"): the first known part names it.
HEADING_PART_RE = re.compile(r"\s*(?:/|&|,|;|\band\b)\s*", re.IGNORECASE)
SPACE_RE = re.compile(r"[ \t]+")
# What a sentence of a study says: who or what was studied, and a verb that says what was done or found.
STUDY_WORD_RE = re.compile(
    r"\b(?:patients?|participants?|subjects?|cases?|cohorts?|stud(?:y|ies)|trials?|randomi[sz]ed|treated|treatments?"
    r"|therap(?:y|ies)|survival|responses?|outcomes?|results?|analys[ie]s|efficacy|safety|toxicity|doses?|mortality"
    r"|incidence|prevalence|risk|disease|cancers?|tumou?rs?|carcinomas?|metastas[ie]s|clinical|review|evidence)\b",
    re.IGNORECASE,
)
STUDY_VERB_RE = re.compile(
    r"\b(?:was|were|is|are|has|have|had|been|we|showed?|shows|found|remains?|can|may|could|did|does|received"
    r"|underwent|included|enrolled|evaluated|compared|assessed|analy[sz]ed|reported|identified|observed|occurred"
    r"|improved|reduced|increased|decreased|associated|aims?|aimed|suggests?|demonstrated|investigated|[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
SENTENCE_RE = re.compile(r"[^.!?]{20,2000}(?:[.!?]|$)")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
TITLE_LIMIT = 120


def normalise_label(heading: str | None) -> str:
    """The section label for a heading, or "other"."""
    if not heading:
        return "other"
    key = SPACE_RE.sub(" ", heading.strip().rstrip(":.").strip()).lower()
    if heading.strip() in NLM_CATEGORIES:
        return NLM_CATEGORIES[heading.strip()]
    if key in LABELS:
        return LABELS[key]
    for part in HEADING_PART_RE.split(key):
        if part in LABELS:
            return LABELS[part]
    return "other"


def is_heading(match: re.Match, text: str) -> bool:
    """Whether a label ``INLINE_LABEL_RE`` found in ``text`` is printed as a heading there."""
    label, sep = match.group("label"), match.group("sep")
    start = match.start()
    after_bracket = start > 0 and text[:start].rstrip()[-1:] in ")]"
    if ":" in sep:
        return True
    if after_bracket or not label[0].isupper():
        return False  # "(HD) patients. Serum ...", "... absent) design. The ...": the end of a sentence
    if sep.strip() == ".":
        return True
    if label.isupper() and len(label) >= 4:
        return True
    return start == 0 or " " in label.strip()


def starts_with_label(text: str) -> bool:
    """Whether a paragraph (or a line) starts with a section heading."""
    match = INLINE_LABEL_RE.match(text)
    return bool(match) and is_heading(match, text)


def split_inline(text: str) -> list[AbstractBlock]:
    """Split one paragraph at the labels printed as headings in it ("RESULTS: ...") into headed blocks."""
    matches = [m for m in INLINE_LABEL_RE.finditer(text) if is_heading(m, text)]
    if not matches:
        return [AbstractBlock(None, text.strip())]
    blocks = []
    if text[: matches[0].start()].strip():
        blocks.append(AbstractBlock(None, text[: matches[0].start()].strip()))
    for m, nxt in zip(matches, matches[1:] + [None]):
        body = text[m.end(): nxt.start() if nxt else len(text)].strip()
        blocks.append(AbstractBlock(m.group("label"), body))
    return blocks


def build_sections(blocks: tuple[AbstractBlock, ...]) -> tuple[Section, ...]:
    """Labelled sections from a record's abstract blocks, in order."""
    sections: list[Section] = []
    for block in blocks:
        parts = [block] if block.heading else split_inline(normalise_unicode(block.text))
        for part in parts:
            text = " ".join(normalise_unicode(part.text).split())
            if not text:
                continue
            heading = " ".join(normalise_unicode(part.heading).split()) if part.heading else None
            label = normalise_label(heading) if heading else "other"
            if sections and heading is None and not block.own_part:
                # An unlabelled paragraph continues the section before it (a second Results paragraph).
                prev = sections.pop()
                label, heading, text = prev.label, prev.heading, prev.text + " " + text
            sections.append(Section(label, heading, text))
    return tuple(sections)


def reads_as_abstract(sections: tuple[Section, ...]) -> bool:
    """Whether any sentence of the sections is one a study would write (not lorem ipsum, a table of
    contents or a cookie notice): one that names what was studied and says what was done or found."""
    for section in sections:
        for sentence in SENTENCE_RE.findall(section.text[:20000]):
            if len(sentence.split()) >= 4 and STUDY_WORD_RE.search(sentence) and STUDY_VERB_RE.search(sentence):
                return True
    return False


def make_title(sections: tuple[Section, ...], extraction) -> str:
    """A descriptive title for an abstract that came without one."""
    if not extraction.interventions and not extraction.conditions:
        return first_sentence_title(sections)
    what = " and ".join(extraction.interventions[:3]) or "Treatment"
    title = what[0].upper() + what[1:]
    if extraction.conditions:
        title += " in " + " and ".join(extraction.conditions[:2])
    design = extraction.design.replace("_", " ") if extraction.design != "other" else "study"
    title += f": {design}"
    if extraction.n_total:
        title += f" of {extraction.n_total} {'patient' if extraction.n_total == 1 else 'patients'}"
    return title


def citation_title(record: Record) -> str:
    """A title for a record with neither title nor abstract, from what its citation has: "Untitled record (Smith J,
    BMJ, 2019)"."""
    first_author = record.authors[0] if record.authors else None
    parts = [p for p in (first_author, record.journal, record.year and str(record.year)) if p]
    return "Untitled record" + (f" ({', '.join(parts)})" if parts else "")


def first_sentence_title(sections: tuple[Section, ...]) -> str:
    """A title from the abstract's first sentence, cut at a word near ``TITLE_LIMIT`` characters."""
    text = next((s.text for s in sections if s.text.strip()), "")
    sentence = SENTENCE_END_RE.split(text.strip(), maxsplit=1)[0].rstrip(".!? ")
    if not sentence:
        return "Untitled abstract"
    if len(sentence) > TITLE_LIMIT:
        sentence = sentence[:TITLE_LIMIT].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return sentence[0].upper() + sentence[1:]
