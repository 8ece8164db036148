"""Extract stage: a study's sections -> ``Extraction`` (design, population, findings).

Stub: to be written (issue #3).
"""

from __future__ import annotations

from generator.config import SiteConfig
from generator.model import Extraction, Record, Section


def extract_study(record: Record, sections: tuple[Section, ...], config: SiteConfig) -> Extraction:
    """Everything the extractor reads off one study."""
    return Extraction()
