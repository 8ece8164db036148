"""Render stage: studies and comparisons -> the pages and files of the site.

MkDocs pages (home, comparisons) come out as Markdown whose untrusted parts are
escaped for Markdown and HTML; study pages are rendered straight to HTML with
Jinja2 inside the theme's layout, so their cost does not grow with the review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Sequence

import jinja2
from markupsafe import Markup, escape

from generator.compare import Comparisons
from generator.config import SiteConfig
from generator.export import StudyDownloads
from generator.model import DESIGN_LABELS, Study
from generator.render.comparisons import comparison_pages
from generator.render.downloads import download_files, home_context
from generator.render.study import PARALLEL_MIN_PAGES, StudyPageCache, start_study_pages
from generator.search import search_facets
from generator.search_index import INDEX_DIR, IndexEntry, build_search_index
from generator.workers import worker_pool

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
THEME_DIR = TEMPLATES / "theme"
NAV_LINKS = (("Studies", ""), ("Search", "search/"), ("Comparisons", "compare/"), ("Data", "data/studies.json"))
STUDIES_MARKER = "<!-- litreview:studies -->"
MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>&])")


@dataclass(frozen=True)
class RenderedSite:
    """Everything the site stage writes; each a tuple of (relative path, text or UTF-8 bytes or chunks of them)."""

    markdown: tuple[tuple[str, str], ...]
    html: tuple[tuple[str, str | bytes], ...]
    files: tuple[tuple[str, str | bytes | Sequence[bytes]], ...]
    nav: tuple[tuple[str, str], ...]
    # (built page, marker, HTML): blocks put in place of their marker once MkDocs has built the page.
    blocks: tuple[tuple[str, str, str], ...] = ()


def md_text(value: object) -> Markup:
    """Untrusted text for a Markdown context: shown as written, never as markup."""
    return Markup(MARKDOWN_SPECIAL_RE.sub(r"\\\1", str(escape(value))))


def build_environment() -> jinja2.Environment:
    """The Jinja2 environment over ``templates/``, autoescaping everything."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(TEMPLATES / "pages"), str(THEME_DIR)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["md_text"] = md_text
    env.globals["design_label"] = DESIGN_LABELS.__getitem__
    return env


def render_site(studies: tuple[Study, ...], comparisons: Comparisons, config: SiteConfig,
                cached: StudyPageCache | None = None) -> RenderedSite:
    """Every page and download of the site (study pages from ``cached`` where it holds them)."""
    env = build_environment()
    common = {"site_title": config.title, "config": config, "nav_links": NAV_LINKS}
    # The study pages, with their search index entries and their parts of the downloads, are
    # made in worker processes while this one renders the pages that span the review.
    with worker_pool(len(studies) >= PARALLEL_MIN_PAGES) as pool:
        study_outputs = start_study_pages(pool, env, studies, comparisons, common, cached)
        markdown = [("index.md", env.get_template("index.md.j2").render(
            studies=studies, comparisons=comparisons, **home_context(studies, config), **common))]
        # The home page's list of every study skips Python-Markdown, which would parse its rows again.
        blocks = (("index.html", STUDIES_MARKER, env.get_template("studies_table.html.j2").render(studies=studies)),)
        html = [("search/index.html", env.get_template("search.html.j2").render(
            root="../", page_title="Search", facets=search_facets(), index_dir=INDEX_DIR, **common))]
        compare_markdown, compare_html, compare_nav = comparison_pages(
            env, comparisons, common, cached.cache if cached else None)
        markdown += compare_markdown
        html += compare_html
        study_html: list[tuple[str, bytes]] = []
        downloads: list[StudyDownloads] = []

        def index_entries() -> Iterator[IndexEntry]:
            for output in study_outputs:
                study_html.append((output.path, output.page))
                downloads.append(output.downloads)
                yield output.entry

        index_files = build_search_index(index_entries())
    files = download_files(env, studies, config, downloads) + list(index_files)
    if cached:
        cached.cache.prune()  # every page of this build is in it now
    html = study_html + html
    if config.base_url:
        # Pages only: the comparison pages' rows.csv files ride along with the HTML.
        pages = [rel for rel, _ in markdown + html if rel.endswith((".md", ".html"))]
        files.append(("sitemap.xml", sitemap(config.base_url, pages)))
    return RenderedSite(tuple(markdown), tuple(html), tuple(files), (("Studies", "index.md"),) + tuple(compare_nav),
                        blocks)


def page_url(rel: str) -> str:
    """The URL of a page from its Markdown or HTML path: ``a/index.md`` -> ``a/``, ``a/b.html`` stays."""
    if rel.endswith(".html") and PurePosixPath(rel).name != "index.html":
        return rel
    rel = rel.removesuffix(".md").removesuffix(".html")
    rel = rel.removesuffix("index")
    return rel if not rel or rel.endswith("/") else rel + "/"


def sitemap(base_url: str, pages: list[str]) -> str:
    """``sitemap.xml`` for every page, with no dates, so a rebuild does not change it."""
    base = base_url.rstrip("/") + "/"
    urls = "".join(f"  <url><loc>{escape(base + page_url(rel))}</loc></url>\n" for rel in sorted(set(pages)))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")
