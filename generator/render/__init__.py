"""Render stage: studies and comparisons -> the pages and files of the site.

Every page is HTML from Jinja2, its untrusted text escaped: study and comparison
pages inside the theme's layout, the home page and the comparisons hub as the content
MkDocs lays out (``site.py``). No page goes through Markdown, so none costs more as
the review grows.
"""

from __future__ import annotations

import functools
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from typing import Callable, Mapping, Sequence

import jinja2
from markupsafe import escape

from generator.charts import MAX_CHART_ROWS
from generator.compare import Comparisons, shade
from generator.config import SiteConfig
from generator.diagnostics import Diagnostic
from generator.extract.vocabulary import filter_synonyms
from generator.identity import slugify
from generator.model import DESIGN_LABELS, SCOPE_LABELS, Studies
from generator.parts import StudyParts
from generator.prose import PAGES_DIR, ProsePage
from generator.render.comparisons import RowCache, comparison_pages, hub_page
from generator.render.downloads import data_page, home_context, xml_document
from generator.render.study import BATCH_SIZE, PARALLEL_MIN_PAGES, StudyPageCache, start_study_pages
from generator.search import search_facets
from generator.search_index import INDEX_DIR
from generator.workers import chunks, forked, worker_pool

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
THEME_DIR = TEMPLATES / "theme"
PROSE_TITLE = "About the review"
NAV_LINKS = (("Studies", ""), ("Search", "search/"), ("Comparisons", "compare/"), ("About the review", "pages/"),
             ("Data", "data/"))


@dataclass(frozen=True)
class RenderedSite:
    """Everything the site stage writes.

    ``mkdocs_pages`` are ``(Markdown path, nav title, HTML content)``: the pages MkDocs lays out
    in the theme, each in the nav. The others are ``(relative path, text or UTF-8 bytes or chunks of them)``.
    ``kept`` are the paths of pages the site being replaced holds as they are, to be linked
    from it; ``written`` those of pages written into the new site already, by the process that
    made them; ``keys`` the content keys of the study pages, when built with a cache; ``faults`` the
    errors of the study pages made without their key numbers.
    """

    mkdocs_pages: tuple[tuple[str, str, str], ...]
    html: tuple[tuple[str, str | bytes], ...]
    files: tuple[tuple[str, str | bytes | Sequence[bytes]], ...]
    kept: tuple[str, ...] = ()
    keys: Mapping[str, str] = field(default_factory=dict)
    written: tuple[str, ...] = ()
    faults: tuple[Diagnostic, ...] = ()


def build_environment() -> jinja2.Environment:
    """The Jinja2 environment over ``templates/``, autoescaping everything. (The templates are compiled
    every build: compiled ones kept in the cache would be code that a cache restored from elsewhere runs.)"""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(TEMPLATES / "pages"), str(THEME_DIR)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["heading_id"] = slugify
    env.globals.update(design_label=DESIGN_LABELS.__getitem__, scope_labels=SCOPE_LABELS,
                       max_chart_rows=MAX_CHART_ROWS, filter_synonyms=synonyms_json, shade=shade)
    return env


@functools.lru_cache(maxsize=4)
def synonyms_json(config: SiteConfig) -> str:
    """The taxonomy's synonyms for the tables' filter (``filter_synonyms``), as JSON (escaped where it is put)."""
    return json.dumps(filter_synonyms(config), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def render_site(studies: Studies, comparisons: Comparisons, config: SiteConfig,
                parts: Sequence[StudyParts], cached: StudyPageCache | None = None,
                write: Callable[[list[tuple[str, str | bytes]]], None] | None = None,
                prose: Sequence[ProsePage] = ()) -> RenderedSite:
    """Every page of the site and its sitemap, from the studies' ``parts`` (in the same order) and those
    studies whose pages are made (``cached`` holds the others); the search index and the downloads are
    made from the parts alone (``pipeline.publish``). With ``write``, the pages rendered from data are
    written through it where they are made: the outcome pages in a copy of this process, the others
    here while it finishes (``RenderedSite.written`` lists them)."""
    cache = cached.cache if cached else None
    env = build_environment()
    common = {"site_title": config.title, "config": config, "nav_links": NAV_LINKS}
    study_keys = dict(zip(studies.ids, cached.keys)) if cached else None

    outcomes = [page for page in comparisons.pages if page.kind == "outcome"]

    def in_copy() -> tuple[str, list[tuple[str, bytes]], list[str], tuple | None]:
        # The outcome pages (in UTF-8, 23 MB at 10,000 studies) are written here, through ``write``, rather than
        # sent back from this copy of the process; what is sent back is their paths and the cache entries they
        # used, which a copy cannot mark used in the process that prunes the cache.
        rows = RowCache(env, cache, study_keys, "home rows")
        home = env.get_template("index.html.j2").render(
            entries=[p.comparison.entry for p in parts], rows=rows, comparisons=comparisons,
            **home_context(studies, parts), **common)
        rows.save()
        made = [(rel, text.encode("utf-8")) for rel, text in comparison_pages(env, outcomes, common, cache, study_keys)]
        if write:
            write(made)
        return home, [] if write else made, [rel for rel, _ in made], cache.usage() if cache else None

    # The home page and the outcome pages are made in a copy of this process, the study pages in worker
    # processes, while this one makes the other pages, then writes the study pages as they come.
    parallel = len(studies) >= PARALLEL_MIN_PAGES
    with forked(in_copy, parallel) as made_in_copy, worker_pool(parallel) as pool:
        study_pages = start_study_pages(pool, env, studies, comparisons, common, cached)
        html: list[tuple[str, str | bytes]] = [("search/index.html", env.get_template("search.html.j2").render(
            root="../", page_title="Search", facets=search_facets(), index_dir=INDEX_DIR, **common)),
            data_page(env, common, cache), not_found_page(env, config, common)]
        html += comparison_pages(env, [p for p in comparisons.pages if p.kind != "outcome"], common, cache, study_keys)
        written_here: list[str] = []
        if write:
            for batch in itertools.chain(chunks(study_pages.pages, BATCH_SIZE), [html]):
                write(batch)
                written_here += [rel for rel, _ in batch]
            html = []
        else:
            html = list(study_pages.pages) + html
        home, outcome_html, outcome_paths, usage = made_in_copy()
        html += outcome_html
    written = tuple(written_here + outcome_paths) if write else ()
    hub = hub_page(env, comparisons, common)
    if cache:
        cache.absorb(usage)
    # The review's own pages follow the generated ones in the nav, laid out by MkDocs the same way.
    mkdocs_pages = [("index.md", "Studies", home), hub, prose_index(env, prose, common)]
    mkdocs_pages += [(p.path, p.title, p.html) for p in prose]
    files = []
    if config.base_url:
        # Pages only: the comparison pages' rows.csv files ride along with the HTML.
        pages = [rel for rel, *_ in mkdocs_pages + html if rel.endswith((".md", ".html")) and rel != "404.html"]
        pages += [rel for rel in written if rel.endswith(".html")] + list(study_pages.kept)
        files.append(("sitemap.xml", sitemap(config.base_url, pages)))
    return RenderedSite(tuple(mkdocs_pages), tuple(html), tuple(files), study_pages.kept, study_pages.keys, written,
                        tuple(study_pages.faults))


def not_found_page(env: jinja2.Environment, config: SiteConfig, common: dict) -> tuple[str, str]:
    """``404.html``, which a static host shows at any address the site lacks: its links start from the base
    URL's path when it is known (else from the site's root folder)."""
    root = urlsplit(config.base_url).path.rstrip("/") + "/" if config.base_url else "./"
    return "404.html", env.get_template("404.html.j2").render(root=root, page_title="Page not found", **common)


def prose_index(env: jinja2.Environment, prose: Sequence[ProsePage], common: dict) -> tuple[str, str, str]:
    """The page that lists the review's own pages (always made, so the nav's link to it holds)."""
    links = [(p.title, page_url(p.path).removeprefix(f"{PAGES_DIR}/")) for p in prose]
    return f"{PAGES_DIR}/index.md", PROSE_TITLE, env.get_template("prose_index.html.j2").render(
        links=links, pages_dir=PAGES_DIR, title=PROSE_TITLE, **common)


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
    return xml_document('<?xml version="1.0" encoding="UTF-8"?>\n'
                        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")
