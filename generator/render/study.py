"""Study pages: one HTML page per study, rendered from data inside the theme's layout.

Rendered straight to HTML with Jinja2 (not through Markdown), so a page costs the
same whatever the size of the review. Every key number is a ``<mark>`` in the
abstract and a row of the key-numbers table, each linking to the other.
"""

from __future__ import annotations

import functools
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from typing import Iterator, Mapping

import jinja2
from markupsafe import Markup, escape

from generator.cache import BuildCache
from generator.citations import bibtex_entry, plain_citation, ris_entry
from generator.compare import ComparisonRow, Comparisons, build_row, ci_heading, plain_number
from generator.diagnostics import Diagnostic, error
from generator.highlight import Highlight, highlight
from generator.model import FAMILY_LABELS, KIND_LABELS, SCOPE_LABELS, Finding, Studies, Study, load_study, study_url
from generator.workers import chunks, start_map

HEADLINE_KINDS = (
    "hazard_ratio", "odds_ratio", "relative_risk", "response_rate", "median_overall_survival",
    "overall_survival_rate", "median_pfs", "progression_free_survival_rate", "median_dfs",
    "disease_free_survival_rate", "complete_response", "recurrence_rate", "mortality", "toxicity_rate",
)
HEADLINE_COUNT = 3
# Rendering is spread over the cores in batches once a review is this large.
PARALLEL_MIN_PAGES = 500
BATCH_SIZE = 250


@dataclass(frozen=True)
class KeyNumber:
    """A finding as the study page shows it: its anchor, labels and table row."""

    anchor: str
    finding: Finding
    row: ComparisonRow

    @property
    def family(self) -> str:
        """The colour family of the finding's kind."""
        return KIND_LABELS[self.finding.kind][1]

    @property
    def label(self) -> str:
        """What a reader hears and sees on hover: kind, and scope when not the study's own."""
        label = KIND_LABELS[self.finding.kind][0]
        if self.finding.scope != "study":
            label += f" ({SCOPE_LABELS[self.finding.scope].lower()})"
        if not self.finding.certain:
            label += f" (to verify: {self.unsettled})"
        return label + (" (curated)" if self.finding.curated else "")

    @property
    def unsettled(self) -> str:
        """What the rules could not settle ("arm", "kind, time point"); empty when the finding is certain."""
        return ", ".join(self.finding.unsettled)

    @property
    def value_text(self) -> str:
        """The value with its unit, and the count it comes from: "16%", "39/60 (65%)"."""
        return self.row.value_text + (f" ({self.row.count_text})" if self.row.count_text else "")

    @property
    def ci_text(self) -> str:
        """The interval with its level when not 95%, "not reached" as an upper bound, marked when computed."""
        f = self.finding
        level = f"{plain_number(f.ci_level)}% CI " if f.ci_level not in (None, 95) else ""
        if self.row.ci_text:
            return level + self.row.ci_text + (" (computed)" if self.row.ci_computed else "")
        if f.ci_low is not None:
            return f"{level}{plain_number(f.ci_low)}–not reached"
        return ""

    @property
    def p_phrase(self) -> str:
        """The p-value as a reader says it: "p = .01", "p < 0.0001", or empty."""
        shown = self.row.p_display
        if not shown:
            return ""
        return f"p {shown}" if shown[0] in "<>≤≥" else f"p = {shown}"

    @property
    def scope_label(self) -> str:
        """Study result, cited figure or design threshold."""
        return SCOPE_LABELS[self.finding.scope]


def key_numbers(study: Study) -> tuple[KeyNumber, ...]:
    """Every finding of the study, numbered in order, with its table row."""
    return tuple(KeyNumber(f"f-{i}", f, build_row(study, f)) for i, f in enumerate(study.extraction.findings, 1))


def mark_tag(number: KeyNumber) -> Markup:
    """The opening ``<mark>`` of one key number (an f-string of escaped values: this runs for every finding)."""
    f = number.finding
    label = escape(number.label)
    curated = ' data-curated="true"' if f.curated else ""
    uncertain = "" if f.certain else ' data-certain="false"'
    return Markup(f'<mark id="{number.anchor}" data-kind="{f.kind}" data-family="{number.family}" '
                  f'data-scope="{f.scope}"{curated}{uncertain} tabindex="0" '
                  f'title="{label}" aria-label="{label}: {escape(f.text)}">')


def marked_sections(study: Study, numbers: tuple[KeyNumber, ...]) -> list[tuple[str, str | None, Markup]]:
    """``(label, heading, HTML)`` of each section, its key numbers marked where they stand."""
    out = []
    for index, section in enumerate(study.sections):
        spans = [Highlight(n.finding.start, n.finding.end, mark_tag(n)) for n in numbers
                 if n.finding.section == section.label and _section_index(study, n.finding) == index]
        out.append((section.label, section.heading, highlight(section.text, spans)))
    return out


def _section_index(study: Study, finding: Finding) -> int:
    """The section a finding indexes into: the first with its label whose text holds its span."""
    for index, section in enumerate(study.sections):
        if section.label == finding.section and section.text[finding.start:finding.end] == finding.text:
            return index
    return -1


def headline(numbers: tuple[KeyNumber, ...]) -> tuple[KeyNumber, ...]:
    """The study's headline results: its own certain results of the most telling kinds, effect sizes first."""
    own = [n for n in numbers if n.finding.scope == "study" and n.finding.certain and n.finding.kind in HEADLINE_KINDS]
    own.sort(key=lambda n: HEADLINE_KINDS.index(n.finding.kind))
    # An abstract often repeats its main result in the conclusions: the headline says it once.
    seen: set[tuple] = set()
    unique = []
    for n in own:
        said = (n.finding.kind, n.finding.arm, n.finding.timepoint, n.finding.value, n.finding.unit)
        if said not in seen:
            seen.add(said)
            unique.append(n)
    return tuple(unique[:HEADLINE_COUNT])


@dataclass(frozen=True)
class PageLink:
    """A link to a comparison page: all a study page needs of it, cheap to send to a worker."""

    title: str
    url: str


@dataclass(frozen=True)
class SameTrial:
    """The other reports of the trial a study reports: its label and links to their pages."""

    label: str
    reports: tuple[PageLink, ...]


def study_context(study: Study, comparison_pages: tuple[PageLink, ...], same_trial: SameTrial | None = None) -> dict:
    """What ``study.html.j2`` needs besides the study itself."""
    numbers = key_numbers(study)
    families = sorted({n.family for n in numbers}, key=list(FAMILY_LABELS).index)
    return {
        "study": study,
        "numbers": numbers,
        "ci_heading": ci_heading(n.finding.ci_level for n in numbers if n.ci_text and not n.row.ci_computed),
        "sections": marked_sections(study, numbers),
        "headline": headline(numbers),
        "follow_up": [n for n in numbers if n.finding.kind == "follow_up" and n.finding.scope == "study"],
        "legend": [(family, FAMILY_LABELS[family]) for family in families],
        "any_curated": any(n.finding.curated for n in numbers),  # a filter in the template took a tenth of it
        "citations": (("Plain text", "plain", plain_citation(study)), ("BibTeX", "bibtex", bibtex_entry(study)),
                      ("RIS", "ris", ris_entry(study))),
        "comparison_pages": comparison_pages,
        "same_trial": same_trial,
        "to_verify": any(n.unsettled for n in numbers),
        "numbers_left_out": False,
    }


@functools.cache
def worker_environment() -> jinja2.Environment:
    """A worker process's own Jinja2 environment, made once: compiling the templates per batch cost 30 ms."""
    from generator.render import build_environment  # the package imports this module
    return build_environment()


def render_pages(batch: list[tuple[bytes, str | None, tuple[PageLink, ...], SameTrial | None]], common: dict,
                 env: jinja2.Environment | None = None) -> list[bytes]:
    """The pages of a batch of studies, each given encoded with its date of addition (``Studies``), its
    links and its trial's other reports, in UTF-8 (half the memory of a page string holding an en dash;
    in a worker process, which makes its own environment)."""
    page = (env or worker_environment()).get_template("study.html.j2")
    return [render_page(page, load_study(encoded, added), links, trial, common)
            for encoded, added, links, trial in batch]


def render_page(page: jinja2.Template, study: Study, links: tuple[PageLink, ...], trial: SameTrial | None,
                common: dict) -> bytes:
    """One study's page. A fault of litreview's own while laying out its key numbers costs that study's numbers
    alone: its page is made without them, and a line naming its file says so."""
    try:
        return page.render(root="../", page_title=study.title, **study_context(study, links, trial), **common).encode()
    except Exception as exc:  # noqa: BLE001 - one study's numbers must not stop the site
        detail = " ".join(str(exc).split())[:200]
        fault = error(study.source, f"the page of study {study.id} could not be laid out with its key numbers "
                                    f"({type(exc).__name__}: {detail}); it is published without them; please report "
                                    f"this with the file")
    plain = replace(study, extraction=replace(study.extraction, findings=()))
    context = study_context(plain, links, trial) | {"numbers_left_out": True}
    return PlainPage(page.render(root="../", page_title=study.title, **context, **common).encode(), fault)


class PlainPage(bytes):
    """A study page made without its key numbers (``render_page``), with the error that says why: never cached,
    nor kept for the next build, which tries it again (and says so again)."""

    def __new__(cls, page: bytes, fault: Diagnostic) -> PlainPage:
        made = super().__new__(cls, page)
        made.fault = fault
        return made

    def __reduce__(self):  # from a worker process, with its error
        return PlainPage, (bytes(self), self.fault)


@dataclass(frozen=True)
class StudyPageCache:
    """Study pages kept between builds.

    A page's key names its study's content (``keys``, one per study) and its links. The pages
    are kept in ``cache`` by their keys; ``previous`` holds the keys of the pages that the site
    being replaced holds as the last build wrote them, by path: those are linked from it, not
    even read.
    """

    cache: BuildCache
    keys: tuple[str, ...]
    previous: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StudyPages:
    """The study pages of a build: each one's key (with a cache), the paths of those the previous
    site holds (``kept``), and the others as ``(path, page)`` as they are done, in order; ``faults``,
    once they are, holds the error of each page made without its key numbers (``render_page``)."""

    keys: dict[str, str]
    kept: tuple[str, ...]
    pages: Iterator[tuple[str, bytes]]
    faults: list[Diagnostic]


def same_trial(comparisons: Comparisons, study_id: str) -> SameTrial | None:
    """The other reports of the trial this study reports, or None when no other study reports it."""
    group = comparisons.trials.get(study_id)
    if group is None:
        return None
    titles = comparisons.trial_titles
    return SameTrial(group.label, tuple(PageLink(titles.get(sid, sid), study_url(sid))
                                        for sid in group.study_ids if sid != study_id))


def start_study_pages(pool: Executor | None, env: jinja2.Environment, studies: Studies,
                      comparisons: Comparisons, common: dict, cached: StudyPageCache | None = None) -> StudyPages:
    """Start rendering every study's page, in ``pool`` when there is one.

    With ``cached``, a page whose study and links are unchanged is kept from the previous
    site, or else taken from the cache: its study is not even loaded.
    """
    links = {id(p): PageLink(p.title, p.url) for p in comparisons.pages}  # made once, not once per study
    urls = [study_url(sid) for sid in studies.ids]
    page_links = [tuple(links[id(p)] for p in comparisons.pages_for(sid)) for sid in studies.ids]
    trials = [same_trial(comparisons, sid) for sid in studies.ids]
    keys: dict[str, str] = {}
    if cached:
        named = {id(link): f"{link.title}\0{link.url}\0".encode() for link in links.values()}
        keys = {url: cached.cache.key(key.encode(), b"".join(named[id(link)] for link in shown), repr(trial).encode())
                for url, key, shown, trial in zip(urls, cached.keys, page_links, trials)}
    previous = cached.previous if cached else {}
    kept = {url for url, key in keys.items() if previous.get(url) == key}
    # ``has`` for every page, kept or not, so the cache keeps them all for a build without the previous site.
    held = {url for url, key in keys.items() if cached.cache.has(key) and url not in kept}

    def item(i: int) -> tuple[bytes, str | None, tuple[PageLink, ...], SameTrial | None]:
        # Only for a page to make: a build forked before this one touches each study's bytes copies their memory.
        return studies.encoded[i], studies.added[i], page_links[i], trials[i]

    todo = [item(i) for i, url in enumerate(urls) if url not in kept and url not in held]
    if pool is None or len(todo) < PARALLEL_MIN_PAGES:
        # A pool forks its workers when first given work: a few pages are rendered here instead.
        batches = iter([render_pages(todo, common, env)])
    else:
        batches = start_map(pool, functools.partial(render_pages, common=common), list(chunks(todo, BATCH_SIZE)),
                            chunksize=1)

    faults: list[Diagnostic] = []

    def in_order() -> Iterator[tuple[str, bytes]]:
        # Cached pages are read only now, as they are written out, not all held from the start.
        fresh = (page for batch in batches for page in batch)
        for i, url in enumerate(urls):
            if url in kept:
                continue
            page = cached.cache.get(keys[url], bytes) if url in held else None
            if page is None:
                # Rendered in the pool, or here when the entry turned out unreadable.
                page = render_pages([item(i)], common, env)[0] if url in held else next(fresh)
                if isinstance(page, PlainPage):
                    faults.append(page.fault)
                    keys.pop(url, None)
                elif cached:
                    cached.cache.put(keys[url], page)
            yield url, page

    return StudyPages(keys, tuple(url for url in keys if url in kept), in_order(), faults)
