"""Comparison pages: outcome tables, charts, condition/intervention pages, evidence map.

Stub: to be written (issue #4).
"""

from __future__ import annotations

import jinja2

from generator.compare import Comparisons
from generator.model import Study


def comparison_pages(env: jinja2.Environment, studies: tuple[Study, ...], comparisons: Comparisons,
                     common: dict) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """``(markdown pages, html pages, nav entries)`` of the cross-study pages."""
    return [], [], []
