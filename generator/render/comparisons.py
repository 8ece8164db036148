"""Comparison pages: outcome tables with charts, condition/intervention pages, evidence map, years.

In: the ``Comparisons`` of the compare stage. Out: the small hub's content, which MkDocs
lays out (``compare/index.md``, the only comparison entry in the MkDocs nav), and every
other page as HTML from Jinja2 inside the theme's layout: their tables grow with the
review, and Python-Markdown would cost 0.17 ms per table row (issue #6). A page is
rendered again only when its data changes; an outcome page, which changes with most
added studies, is put together from rows kept between builds (``RowCache``).
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import replace
from typing import Callable, Iterable, Mapping, Sequence

import jinja2
from markupsafe import Markup

from generator.cache import BuildCache, value_bytes
from generator.charts import Scale, forest_figure, forest_row_html, rate_chart, year_bars
from generator.compare import (POOLING_NOTE, ComparisonPage, ComparisonRow, Comparisons, StudyEntry, StudyList,
                               ci_words, plain_number)
from generator.export import safe_cell

HUB_PATH = "compare/index.md"
HUB_TITLE = "Comparisons"
PAGE_TEMPLATES = {
    "outcome": "compare_outcome.html.j2",
    "condition": "topic_page.html.j2",
    "intervention": "topic_page.html.j2",
    "evidence_map": "compare_map.html.j2",
    "by_year": "compare_years.html.j2",
}
ROWS_CSV = "rows.csv"
# The pages put together from their rows every build (``RowCache``), not kept whole.
ROW_PAGES = ("outcome", "by_year")
MAX_YEAR_SPAN = 150
ROWS_CSV_FIELDS = ("study_id", "study_url", "study", "year", "design", "n", "outcome", "arm", "timepoint",
                   "value", "unit", "relation", "numerator", "denominator", "ci_low", "ci_high",
                   "ci_computed", "p_text", "p_value", "scope", "endpoint")
SECTION_TITLES = (("outcome", "Outcomes"), ("evidence_map", "Overview"), ("by_year", "Overview"),
                  ("condition", "Conditions"), ("intervention", "Interventions"))


def page_root(url: str) -> str:
    """The relative path from a page at ``url`` back to the site root ("compare/response/" -> "../../")."""
    return "../" * url.count("/")


def group_chart(page: ComparisonPage, index: int, root: str, rows: RowCache) -> Markup:
    """The chart of a page's ``index``-th table: its forest plots (by ratio, outcome and design; their rows
    from ``rows``), its rates, or nothing when its rows share no scale."""
    group = page.groups[index]
    chart_id = f"chart-{group.anchor}"
    if group.chart == "forest":
        row_html = functools.partial(rows.forest_rows, root=root)
        return Markup("\n").join(forest_figure(plot, f"{group.anchor}-table", root, row_html) for plot in group.forests)
    if group.chart == "rates":
        levels = (r.ci_level for r in group.rows if r.has_ci)
        return rate_chart(group.rows, chart_id, f"{group.title} with {ci_words(levels)}")
    return Markup("")


def year_chart(page: ComparisonPage) -> Markup:
    """Bars of the studies per year, oldest first; studies with no year are left out of the chart."""
    known = {int(l.title): len(l.entries) for l in page.lists if l.anchor != "year-unknown"}
    if not known:
        return Markup("")
    # Every year from the first to the last, so the gaps show on the time axis.
    first, last = min(known), max(known)
    years = range(first, last + 1) if last - first <= MAX_YEAR_SPAN else sorted(known)
    return year_bars(tuple((str(y), known.get(y, 0)) for y in years), "chart-years", "Studies per publication year")


def sort_number(value: float | None) -> str:
    """A number for a ``data-sort`` attribute; empty sorts last in tables.js."""
    return "" if value is None else plain_number(value)


def csv_fields(r: ComparisonRow) -> list[str]:
    """A row's cells for ``rows.csv``, each safe from spreadsheet formulas; the relation ("=", "<", ...), one of
    a fixed few, is written as it is, as in ``findings.csv``."""
    before = (r.study_id, r.study_url, r.study_title, r.year, r.design, r.n, r.kind, r.arm, r.timepoint,
              sort_number(r.value), r.unit)
    after = (r.numerator, r.denominator, sort_number(r.ci_low), sort_number(r.ci_high),
             "wilson" if r.ci_computed else "", r.p_text, sort_number(r.p_value), r.scope, r.endpoint)
    return [safe_cell(v) for v in before] + [r.relation] + [safe_cell(v) for v in after]


def csv_text(rows: list[list]) -> str:
    """Lines of CSV."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


class RowCache:
    """Rows of the pages that list every result or every study, each made once and kept between builds.

    The outcome pages list every result of the review (30,000 rows at 10,000 studies), the
    home page and the year page every study, and a study added changes a few rows: an outcome
    row (as HTML and as a CSV line) is looked up by its study's content key, its finding's number
    and the trial it reports (``study_keys``, with the columns shown), a study's row by its content key and the
    macro that makes it, so a page is put together again from the rows it had and the new ones
    rendered. With a ``cache``, what this build used is kept in its entry ``name``; without,
    rows are rendered as they come (a cold build neither looks them up nor holds them).
    """

    def __init__(self, env: jinja2.Environment, cache: BuildCache | None = None,
                 study_keys: Mapping[str, str] | None = None, name: str = "rows") -> None:
        self.macros = env.get_template("compare_rows.html.j2").module
        self.render_row = self.macros.outcome_row
        self.cache = cache if study_keys else None
        self.study_keys = study_keys or {}
        self.entry = self.entry_key(cache, name) if self.cache else ""
        self.held: dict[str, str] = (cache.get(self.entry, dict[str, str]) if self.cache else None) or {}
        self.used: dict[str, str] = {}

    @staticmethod
    def entry_key(cache: BuildCache, name: str) -> str:
        """The key of the cache entry that keeps the rows named ``name``."""
        return cache.key(name.encode())

    def _texts(self, items: Sequence, keys: Iterable[str] | None, make: Callable) -> list[str]:
        """The items' texts, each looked up by its key, else made (``make(item)``) and kept; every one
        made when there are no ``keys`` (no cache)."""
        if keys is None:
            return [make(item) for item in items]
        used, held = self.used, self.held
        texts = []
        for key, item in zip(keys, items):
            text = used.get(key)
            if text is None:
                text = held.get(key)
                if text is None:
                    text = make(item)
                used[key] = text
            texts.append(text)
        return texts

    def _row_keys(self, rows: Sequence[ComparisonRow], kind: str) -> list[str] | None:
        # A row is its study's finding, and the trial it reports as the review stands: a report of it added
        # makes the row say "one of 2 reports of this trial".
        study_keys = self.study_keys
        return [f"{kind}{study_keys[r.study_id]}:{r.finding}:{r.trial_reports}:{r.trial or ''}" for r in rows] \
            if self.cache else None

    def outcome_tables(self, page: ComparisonPage, root: str, columns: tuple[bool, bool, bool],
                       ) -> tuple[list[Markup], str]:
        """The HTML between ``<tbody>`` and ``</tbody>`` of each of the page's tables (a row a line),
        and the page's ``rows.csv`` (a row listed under two groups, once)."""
        html = f"{root}{columns}"
        tbodies = [Markup(_lines(self._texts(g.rows, self._row_keys(g.rows, html),
                                             lambda r: str(self.render_row(r, root, *columns)))))
                   for g in page.groups]
        rows = list({id(r): r for g in page.groups for r in g.rows}.values())
        lines = self._texts(rows, self._row_keys(rows, "csv"), lambda r: csv_text([csv_fields(r)]))
        return tbodies, csv_text([list(ROWS_CSV_FIELDS)]) + "".join(lines)

    def forest_rows(self, rows: Sequence[ComparisonRow], scale: Scale, root: str) -> list[str]:
        """The rows of a forest plot on ``scale``, as ``forest_row_html`` makes them."""
        keys = self._row_keys(rows, f"forest{root}{scale}")
        return self._texts(rows, keys, lambda r: forest_row_html(r, scale, root))

    def study_rows(self, macro: str, entries: Sequence[StudyEntry], *args: str) -> Markup:
        """The studies' rows or list items, a line each, as the macro ``macro`` of ``compare_rows.html.j2``
        makes them with ``args``."""
        make = getattr(self.macros, macro)
        prefix = "\0".join((macro, *args, ""))
        study_keys = self.study_keys
        keys = [prefix + study_keys[e.study_id] for e in entries] if self.cache else None
        return Markup(_lines(self._texts(entries, keys, lambda e: str(make(e, *args)))))

    def save(self) -> None:
        """Keep the rows this build used (and only those) for the next."""
        if self.cache and self.used != self.held:
            self.cache.put(self.entry, self.used)


def _lines(texts: list[str]) -> str:
    """Each text on a line of its own, after the one before (``<tbody>``'s)."""
    return "\n" + "\n".join(texts) if texts else ""


def hub_sections(comparisons: Comparisons) -> list[tuple[str, list[ComparisonPage]]]:
    """The hub's headed lists of pages, in a fixed order; empty sections left out."""
    sections: dict[str, list[ComparisonPage]] = {}
    for kind, title in SECTION_TITLES:
        sections.setdefault(title, []).extend(p for p in comparisons.pages if p.kind == kind)
    return [(title, pages) for title, pages in sections.items() if pages]


def page_files(env: jinja2.Environment, page: ComparisonPage, common: dict, rows: RowCache) -> list[tuple[str, str]]:
    """``(path, text)`` of one comparison page, and of its rows as CSV for an outcome page."""
    root = page_root(page.url)
    template = env.get_template(PAGE_TEMPLATES[page.kind])
    context = dict(page=page, root=root, page_title=page.title, pooling_note=POOLING_NOTE, **common)
    if page.kind != "outcome":
        charts = [year_chart(page)] if page.kind == "by_year" else []
        return [(f"{page.url}index.html", template.render(charts=charts, rows=rows, **context))]
    columns = (page.group_by != "outcome", page.has_endpoints, page.has_other_scopes)
    tbodies, csv_rows = rows.outcome_tables(page, root, columns)
    html = template.render(
        charts=[group_chart(page, i, root, rows) for i in range(len(page.groups))], tbodies=tbodies,
        outcome_column=columns[0], endpoint_column=columns[1], other_scopes=columns[2], rows_csv=ROWS_CSV, **context)
    return [(f"{page.url}index.html", html), (f"{page.url}{ROWS_CSV}", csv_rows)]


def page_bytes(page: ComparisonPage, study_keys: Mapping[str, str]) -> bytes:
    """A topic, map or year page's data as bytes, its studies' entries named by their studies' content
    keys (the same key, the same entry): pickling the entries of a review's 10,000 studies cost 0.2 s."""
    lists = tuple(StudyList(s.title, s.anchor, tuple(study_keys[e.study_id] for e in s.entries)) for s in page.lists)
    return value_bytes(replace(page, entries=tuple(study_keys[e.study_id] for e in page.entries), lists=lists))


def comparison_pages(env: jinja2.Environment, pages: Iterable[ComparisonPage], common: dict,
                     cache: BuildCache | None = None, study_keys: Mapping[str, str] | None = None,
                     ) -> list[tuple[str, str]]:
    """The ``(path, text)`` of each of these cross-study pages (and an outcome page's rows as CSV).

    With a ``cache`` (keyed by the config and templates) and ``study_keys`` naming each study's
    content, a page whose data is unchanged is taken from it: an added study changes the pages
    that list it, not the others. Each page's rows are kept in it too: an outcome page and the year
    page (``ROW_PAGES``) are put together from them every build, another page when it changes.
    """
    html: list[tuple[str, str]] = []
    for page in pages:
        # A page of rows is put together from them every build; another is kept whole while its data is the
        # same. Either keeps the rows it lists in an entry of its own (``RowCache``), to be put together from.
        key = cache.key(page_bytes(page, study_keys)) if cache and study_keys and page.kind not in ROW_PAGES else ""
        files = cache.get(key, list[tuple[str, str]]) if key else None
        name = f"rows of {page.url}"
        if files is None:
            rows = RowCache(env, cache, study_keys, name)
            files = page_files(env, page, common, rows)
            rows.save()
            if key:
                cache.put(key, files)
        else:
            cache.used.add(RowCache.entry_key(cache, name))  # kept for when the page changes
        html += files
    return html


def hub_page(env: jinja2.Environment, comparisons: Comparisons, common: dict) -> tuple[str, str, str]:
    """The hub, as ``(Markdown path, nav title, HTML content)`` for MkDocs (always, so links to it hold)."""
    return HUB_PATH, HUB_TITLE, env.get_template("compare_index.html.j2").render(
        sections=hub_sections(comparisons), pooling_note=POOLING_NOTE, **common)
