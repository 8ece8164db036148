"""Downloads and what the home page shows besides the study list.

``data/studies.json`` (the data contract), ``data/findings.csv``, the references
as RIS and BibTeX, and an Atom feed of the studies in the order they were added.
"""

from __future__ import annotations

import jinja2

from generator.citations import bibtex_entry, ris_entry
from generator.config import SiteConfig
from generator.export import findings_csv, studies_json
from generator.model import Study
from generator.render.study import worker_environment

RECENT_COUNT = 10
UNDATED = "1970-01-01"
DOWNLOADS = (
    ("data/studies.json", "Every study, as JSON (the data contract)"),
    ("data/findings.csv", "Every finding, one row each with its study's fields (CSV)"),
    ("data/references.ris", "References (RIS)"),
    ("data/references.bib", "References (BibTeX)"),
    ("feed.xml", "Atom feed of newly added studies"),
)


def recently_added(studies: tuple[Study, ...]) -> list[Study]:
    """Studies with a known date of addition, newest first (ties by id)."""
    dated = sorted((s for s in studies if s.added), key=lambda s: s.id)
    return sorted(dated, key=lambda s: s.added, reverse=True)


def home_context(studies: tuple[Study, ...], config: SiteConfig) -> dict:
    """What the home page shows besides the study list."""
    return {"recent": recently_added(studies)[:RECENT_COUNT], "downloads": DOWNLOADS,
            "findings_count": sum(len(s.extraction.findings) for s in studies)}


def atom_feed(env: jinja2.Environment, studies: tuple[Study, ...], config: SiteConfig) -> str:
    """``feed.xml``: every study, newest addition first; links absolute when the base URL is known."""
    entries = recently_added(studies) + sorted((s for s in studies if not s.added), key=lambda s: s.id)
    updated = max((s.added for s in studies if s.added), default=UNDATED)
    return env.get_template("feed.xml.j2").render(
        config=config, entries=entries, updated=updated, undated=UNDATED,
        base=config.base_url.rstrip("/") + "/" if config.base_url else "")


def download_files(env: jinja2.Environment | None, studies: tuple[Study, ...],
                   config: SiteConfig) -> list[tuple[str, str]]:
    """``(path, text)`` of every file under ``data/``, and the feed (in a worker process, which has its own ``env``)."""
    env = env or worker_environment()
    ordered = sorted(studies, key=lambda s: s.id)
    return [
        ("data/studies.json", studies_json(studies)),
        ("data/findings.csv", findings_csv(studies)),
        ("data/references.ris", "".join(ris_entry(s) + "\n" for s in ordered)),
        ("data/references.bib", "\n".join(bibtex_entry(s) for s in ordered)),
        ("feed.xml", atom_feed(env, studies, config)),
    ]
