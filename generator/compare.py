"""Compare stage: all studies -> comparison tables and chart data.

Stub: to be written (issue #4). The interface the render stage relies on:
``Comparisons.pages`` (each with ``title`` and ``url``) and ``pages_for(study_id)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.config import SiteConfig
from generator.model import Study


@dataclass(frozen=True)
class ComparisonPage:
    """One cross-study page: its title, its URL under the site root, and the studies on it."""

    title: str
    url: str
    study_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparisons:
    """Every cross-study page of the site."""

    pages: tuple[ComparisonPage, ...] = ()

    def pages_for(self, study_id: str) -> tuple[ComparisonPage, ...]:
        """The pages a study appears on, in site order."""
        return tuple(p for p in self.pages if study_id in p.study_ids)


def build_comparisons(studies: tuple[Study, ...], config: SiteConfig) -> Comparisons:
    """The comparison tables for the site."""
    return Comparisons()
