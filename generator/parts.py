"""What is made of one study alone, besides its page: made as the study is read.

Its part of the comparisons (``ComparisonPart``), its search index entry and its part of the
downloads depend on the study and the config only, so they are made on every core with
the study and kept with it in the build cache: a cached build loads them instead of making
them again, and the stages that span the review only put them together. Those stages see
the parts alone; the study itself stays encoded (``model.Studies``) unless its page is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.compare import ComparisonPart, comparison_part
from generator.config import SiteConfig
from generator.export import StudyDownloads, study_downloads
from generator.model import Study
from generator.search_index import IndexEntry, index_entry


@dataclass(frozen=True)
class StudyParts:
    """A study's part of the comparisons, its search index entry, its part of the downloads and
    its number of findings (for the counts the summary and the home page give).

    As the content cache keeps them, the index entry and the downloads are None: they are kept
    aside, for the one process that needs them (``pipeline.index_and_downloads``).
    """

    comparison: ComparisonPart
    index: IndexEntry | None
    downloads: StudyDownloads | None
    findings: int


def study_parts(study: Study, config: SiteConfig) -> StudyParts:
    """The ``StudyParts`` of ``study``."""
    comparison = comparison_part(study, config)
    # Its entry's headline numbers are its search result's too: made once.
    return StudyParts(comparison, index_entry(study, comparison.entry.headline), study_downloads(study),
                      len(study.extraction.findings))
