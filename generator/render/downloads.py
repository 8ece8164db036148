"""Downloads and the home page's data: studies.json, findings.csv, references, feed.
"""

from __future__ import annotations

from generator.config import SiteConfig
from generator.export import findings_csv, studies_json
from generator.model import Study


def home_context(studies: tuple[Study, ...], config: SiteConfig) -> dict:
    """What the home page shows besides the study list."""
    return {}


def download_files(studies: tuple[Study, ...], config: SiteConfig) -> list[tuple[str, str]]:
    """``(path, text)`` of every file under ``data/`` (and the feed)."""
    return [("data/studies.json", studies_json(studies)), ("data/findings.csv", findings_csv(studies))]
