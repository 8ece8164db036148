"""Downloads and what the home page shows besides the study list.

``data/studies.json`` (the data contract), ``data/findings.csv``, the references
as RIS and BibTeX, an Atom feed of the studies in the order they were added, and the
record of when each content file was added (``history.RECORD``), for the next build.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Mapping, Sequence

import jinja2
import markdown
from markupsafe import Markup

from generator.cache import BuildCache
from generator.config import SiteConfig
from generator.export import StudyDownloads, findings_csv, joined, studies_json
from generator.history import RECORD
from generator.model import Studies, Study
from generator.parts import StudyParts

# The data contract, shown on the data page under its heading (one level down).
CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "data.md"
HEADING_RE = re.compile(r"^(#+) ", re.MULTILINE)
RECENT_COUNT = 10
# Feed readers fetch the feed again and again: it carries the newest additions, not the review. Every study
# is dated (``history``), so each one added reaches the feed, as one of the newest.
FEED_COUNT = 100
UNDATED = "1970-01-01"
DOWNLOADS = (
    ("data/studies.json", "Every study, as JSON (the data contract)"),
    ("data/findings.csv", "Every finding, one row each with its study's fields (CSV)"),
    ("data/references.ris", "References (RIS)"),
    ("data/references.bib", "References (BibTeX)"),
    ("feed.xml", "Atom feed of newly added studies"),
)


def recently_added(studies: Studies, count: int) -> list[Study]:
    """The ``count`` studies added last, of those with a known date of addition, newest first (ties in
    id order, the studies' own)."""
    dated = [i for i, added in enumerate(studies.added) if added]
    return [studies[i] for i in sorted(dated, key=lambda i: studies.added[i], reverse=True)[:count]]


def home_context(studies: Studies, parts: Sequence[StudyParts]) -> dict:
    """What the home page shows besides the study list."""
    return {"recent": recently_added(studies, RECENT_COUNT), "downloads": DOWNLOADS,
            "findings_count": sum(p.findings for p in parts)}


# What XML 1.0 cannot hold (controls, halves of characters, U+FFFE and U+FFFF): dropped from the XML written.
NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_document(text: str) -> str:
    """An XML document made of escaped text, well-formed whatever that text held: without ``NOT_XML_RE``."""
    return NOT_XML_RE.sub("", text)


def atom_feed(env: jinja2.Environment, studies: Studies, config: SiteConfig) -> str:
    """``feed.xml``: the ``FEED_COUNT`` newest additions, newest first (undated studies last, by id);
    links absolute when the base URL is known."""
    entries = recently_added(studies, FEED_COUNT)
    undated = [i for i, added in enumerate(studies.added) if not added]
    entries += [studies[i] for i in undated[:FEED_COUNT - len(entries)]]
    updated = max((added for added in studies.added if added), default=UNDATED)
    return xml_document(env.get_template("feed.xml.j2").render(
        config=config, entries=entries, updated=updated, undated=UNDATED,
        base=config.base_url.rstrip("/") + "/" if config.base_url else ""))


def data_page(env: jinja2.Environment, common: dict, cache: BuildCache | None = None) -> tuple[str, str]:
    """``data/index.html``: what each download holds and how to read it, then the data contract; kept in
    ``cache`` (of what is rendered) by the contract's text, which Python-Markdown took 0.1 s to lay out."""
    text = CONTRACT.read_text(encoding="utf-8")
    key = cache.key(b"data page", text.encode()) if cache else ""
    page = cache.get(key, str) if cache else None
    if page is None:
        contract = markdown.markdown(HEADING_RE.sub(r"#\1 ", text), extensions=["tables", "fenced_code", "toc"])
        page = env.get_template("data.html.j2").render(root="../", page_title="Data", contract=Markup(contract),
                                                       **common)
        if cache:
            cache.put(key, page)
    return "data/index.html", page


def download_files(env: jinja2.Environment, studies: Studies, config: SiteConfig,
                   parts: Sequence[StudyDownloads], dates: Mapping[str, str] | None = None,
                   ) -> list[tuple[str, str | Sequence[bytes]]]:
    """``(path, text or UTF-8 chunks)`` of every file under ``data/``, and the feed, from ``parts``:
    the studies' own parts of the downloads in id order (made as they were read); ``dates``, each
    content file's date of addition, are recorded for the next build."""
    return [
        ("data/studies.json", studies_json(p.json for p in parts)),
        ("data/findings.csv", findings_csv(p.csv for p in parts)),
        ("data/references.ris", tuple(p.ris for p in parts)),
        ("data/references.bib", tuple(joined((p.bibtex for p in parts), b"\n"))),
        ("feed.xml", atom_feed(env, studies, config)),
        (RECORD, json.dumps(dict(sorted((dates or {}).items())), ensure_ascii=False, indent=0) + "\n"),
    ]
