"""Stable study ids and duplicate detection.

An id comes from the PMID, else the DOI, else the content file's name, so the
same input always gives the same id and URL.
"""

from __future__ import annotations

import re
import unicodedata

from generator.model import Record

SLUG_RE = re.compile(r"[^a-z0-9]+")
TITLE_KEY_RE = re.compile(r"\W+")
# The longest slug, and so id: a file name must stay well within the 255 bytes file systems allow.
SLUG_LIMIT = 80


PMCID_RE = re.compile(r"(?:PMC)?(\d{1,9})", re.IGNORECASE)


def pmcid(value: str | None) -> str | None:
    """A PubMed Central id as PMC writes it ("PMC1234567"), from "PMC1234567", "pmc1234567" or "1234567"; None for
    anything else."""
    match = PMCID_RE.fullmatch(value.strip()) if value else None
    return f"PMC{match.group(1)}" if match else None


def slugify(text: str, limit: int = SLUG_LIMIT) -> str:
    """A ``[a-z0-9-]+`` slug of ``text`` (ASCII-folded), never empty."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = SLUG_RE.sub("-", folded).strip("-")[:limit].strip("-")
    return slug or "study"


def study_id(record: Record, index_in_file: int, records_in_file: int) -> str:
    """The stable id of a record: ``pmid-…``, ``doi-…`` or from the file name."""
    if record.pmid:
        # A PMID is digits, but a hand-written one may hold anything, or 5,000 digits: it becomes a file name.
        digits = record.pmid.isascii() and record.pmid.isdigit() and len(record.pmid) <= SLUG_LIMIT
        return f"pmid-{record.pmid}" if digits else f"pmid-{slugify(record.pmid)}"
    if record.doi:
        return "doi-" + slugify(record.doi)
    stem = record.source.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    base = slugify(stem)
    return f"{base}-{index_in_file + 1}" if records_in_file > 1 else base


def duplicate_keys(record: Record) -> list[str]:
    """The keys under which two records are the same article."""
    keys = []
    if record.pmid:
        keys.append("pmid:" + record.pmid)
    if record.doi:
        keys.append("doi:" + record.doi.lower())
    if record.title:
        title = TITLE_KEY_RE.sub(" ", record.title.casefold()).strip()
        if len(title) > 20:
            keys.append("title:" + title)
    return keys
