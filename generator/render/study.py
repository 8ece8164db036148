"""Study pages: one HTML page per study, rendered from data inside the theme's layout.

Rendered straight to HTML with Jinja2 (not through Markdown), so a page costs the
same whatever the size of the review.
"""

from __future__ import annotations

import jinja2

from generator.compare import Comparisons
from generator.model import Study


def study_pages(env: jinja2.Environment, studies: tuple[Study, ...], comparisons: Comparisons,
                common: dict) -> list[tuple[str, str]]:
    """``(path, html)`` of every study page."""
    template = env.get_template("study.html.j2")
    return [
        (f"{s.url}index.html", template.render(
            study=s, comparison_pages=comparisons.pages_for(s.id), root="../../", page_title=s.title, **common))
        for s in studies
    ]
