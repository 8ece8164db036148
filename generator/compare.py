"""Compare stage: all studies -> comparison tables and chart data.

Stub: to be written (issue #4).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.config import SiteConfig
from generator.model import Study


@dataclass(frozen=True)
class Comparisons:
    """Cross-study tables, one per outcome family."""

    pages: tuple = ()


def build_comparisons(studies: tuple[Study, ...], config: SiteConfig) -> Comparisons:
    """The comparison tables for the site."""
    return Comparisons()
