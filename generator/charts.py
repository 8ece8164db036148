"""Charts drawn at build time as inline SVG: rates with CIs, studies per year, forest plots of ratios.

In: the rows of a comparison table, or its ``ForestPlot``s. Out: SVG markup with a ``<title>``
named by ``aria-labelledby`` (the table beside each chart is its text alternative); a forest plot
is a figure of HTML rows, each with its marks as SVG on the plot's one log scale, so a study's
name wraps and a row stacks on a phone. Every piece of text is escaped, since labels come from abstracts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from markupsafe import Markup, escape

from generator.compare import ComparisonRow, ci_heading, ci_words, plain_number
from generator.forest import RATIO_NAMES, ForestPlot, Pooled

MAX_CHART_ROWS = 60
WIDTH = 780
LABEL_X = 6
LABEL_CHARS = 42
MIN_STUDY_CHARS = 14
PLOT_LEFT = 270
PLOT_RIGHT = 510
VALUE_X = 522
N_X = 700
P_X = 774
ROW_HEIGHT = 24
TOP = 30
AXIS_HEIGHT = 44
LOG_TICKS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0,
             200.0, 500.0, 1000.0)
LOG_MARGIN = 1.1
# A rate axis runs from 0 to the first of these that holds every value and interval.
RATE_TOPS = (10.0, 20.0, 50.0, 100.0)
RATE_TICK_COUNT = 5


@dataclass(frozen=True)
class ChartRow:
    """One line of a chart: a label, a point, its interval and the figures beside it."""

    label: str
    value: float
    low: float | None
    high: float | None
    value_text: str
    n: int | None = None
    p_text: str | None = None
    computed: bool = False
    short_label: str = ""


@dataclass(frozen=True)
class Scale:
    """Maps values to x positions on the plot, linearly or on a log scale."""

    low: float
    high: float
    log: bool
    left: float = PLOT_LEFT
    right: float = PLOT_RIGHT

    def x(self, value: float) -> float:
        """The x position of ``value``, clamped to the plot."""
        if self.log:
            share = (math.log(value) - math.log(self.low)) / (math.log(self.high) - math.log(self.low))
        else:
            share = (value - self.low) / (self.high - self.low)
        return round(self.left + min(1.0, max(0.0, share)) * (self.right - self.left), 1)


def chart_row(row: ComparisonRow) -> ChartRow:
    """A comparison row as a chart line: "Ruers 2017 · 3-year · combined modality"."""
    details = " · ".join(p for p in (row.endpoint, row.timepoint, row.arm) if p)
    # The study's label gives way first, so the time point and arm that tell rows apart stay.
    room = max(MIN_STUDY_CHARS, LABEL_CHARS - len(details) - 3) if details else LABEL_CHARS
    study = row.study_label if len(row.study_label) <= room else row.study_label[:room - 1].rstrip(" …") + "…"
    short = " · ".join([study] + ([details] if details else []))
    # The tooltip names the study in full: its whole title when it has no author label.
    full = " · ".join([row.study_label if row.study_has_authors else row.study_title] + ([details] if details else []))
    shown = row.value_text
    if row.ci_text:
        shown = f"{shown} ({row.ci_shown}{'*' if row.ci_computed else ''})"
    return ChartRow(full, row.value, row.ci_low, row.ci_high, shown, row.n, row.p_display, row.ci_computed, short)


def log_scale(points: Iterable[tuple[float, float | None, float | None]]) -> Scale:
    """A log scale symmetric about 1 for the ``(value, low, high)`` of every row, out to the first round
    tick beyond every value, with room to spare.

    Symmetric so the line of no effect sits in the middle and ratios below and above 1
    look as far from it as they are.
    """
    values = [v for point in points for v in point if v is not None and v > 0] or [1.0]
    reach = max(max(values), 1 / min(values)) * LOG_MARGIN
    high = min([t for t in LOG_TICKS if t >= reach and 1 / t in LOG_TICKS], default=LOG_TICKS[-1])
    return Scale(1 / high, high, True)


def _truncate(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip(" …") + "…"


def _text(x: float, y: float, content: str, anchor: str = "start", css: str = "") -> str:
    css_attr = f' class="{css}"' if css else ""
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}"{css_attr}>{escape(content)}</text>'


def _row_marks(row: ChartRow, y: float, scale: Scale) -> list[str]:
    marks = []
    if row.low is not None and row.high is not None:
        dash = ' stroke-dasharray="4 3"' if row.computed else ""
        x1, x2 = scale.x(row.low), scale.x(row.high)
        marks.append(f'<line class="whisker" x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="currentColor"{dash}/>')
        marks.append(f'<line class="whisker" x1="{x1}" y1="{y - 5}" x2="{x1}" y2="{y + 5}" stroke="currentColor"/>')
        marks.append(f'<line class="whisker" x1="{x2}" y1="{y - 5}" x2="{x2}" y2="{y + 5}" stroke="currentColor"/>')
    x = scale.x(row.value)
    marks.append(f'<rect class="point" x="{x - 4}" y="{y - 4}" width="8" height="8" fill="#3d7cc9"/>')
    return marks


def _axis(scale: Scale, ticks: tuple[float, ...], y: float, label: str) -> list[str]:
    marks = [f'<line class="axis" x1="{PLOT_LEFT}" y1="{y}" x2="{PLOT_RIGHT}" y2="{y}" stroke="currentColor"/>']
    for tick in ticks:
        x = scale.x(tick)
        marks.append(f'<line class="axis" x1="{x}" y1="{y}" x2="{x}" y2="{y + 4}" stroke="currentColor"/>')
        marks.append(_text(x, y + 16, plain_number(tick), "middle"))
    marks.append(_text((PLOT_LEFT + PLOT_RIGHT) / 2, y + 34, label, "middle", "axis-label"))
    return marks


def _svg_start(chart_id: str, height: float, title: str, description: str) -> list[str]:
    """The opening of a chart: its ``<svg>`` element, with the title and description it is labelled by."""
    cid = escape(chart_id)
    return [
        f'<svg class="chart" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="12" fill="currentColor">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
    ]


def interval_chart(rows: tuple[ComparisonRow, ...], chart_id: str, title: str, scale: Scale,
                   ticks: tuple[float, ...], axis_label: str) -> Markup:
    """Points with interval whiskers, one line per row, N and p beside each; at most ``MAX_CHART_ROWS``."""
    shown = tuple(chart_row(r) for r in largest_rows(rows))
    height = TOP + ROW_HEIGHT * len(shown) + AXIS_HEIGHT
    plot_bottom = TOP + ROW_HEIGHT * len(shown)
    words = ci_words(r.ci_level for r in rows if r.has_ci)
    body = _svg_start(chart_id, height, title, _description(len(rows), shown, words)) + [
        _text(LABEL_X, 16, "Study", css="heading"),
        _text(VALUE_X, 16, f"Value ({ci_heading(r.ci_level for r in rows if r.has_ci)})", css="heading"),
        _text(N_X, 16, "N", "end", "heading"),
        _text(P_X, 16, "p", "end", "heading"),
    ]
    for index, row in enumerate(shown):
        y = TOP + ROW_HEIGHT * index + ROW_HEIGHT / 2
        body.append(f"<g><title>{escape(row.label)}: {escape(row.value_text)}</title>")
        body.append(_text(LABEL_X, y + 4, _truncate(row.short_label or row.label)))
        body.extend(_row_marks(row, y, scale))
        body.append(_text(VALUE_X, y + 4, row.value_text))
        body.append(_text(N_X, y + 4, "" if row.n is None else str(row.n), "end"))
        body.append(_text(P_X, y + 4, row.p_text or "", "end"))
        body.append("</g>")
    body.extend(_axis(scale, ticks, plot_bottom + 4, axis_label))
    body.append("</svg>")
    return Markup("\n".join(body))


def largest_rows(rows: tuple[ComparisonRow, ...]) -> tuple[ComparisonRow, ...]:
    """All rows, or when there are too many to draw, the ``MAX_CHART_ROWS`` with the largest N, in table order."""
    if len(rows) <= MAX_CHART_ROWS:
        return rows
    picked = sorted(range(len(rows)), key=lambda i: (-(rows[i].n or 0), i))[:MAX_CHART_ROWS]
    return tuple(rows[i] for i in sorted(picked))


def _description(count: int, shown: tuple[ChartRow, ...], words: str) -> str:
    extent = (f"the {len(shown)} rows with the largest N of {count}" if len(shown) < count
              else f"{count} {'row' if count == 1 else 'rows'}")
    computed = " Dashed whiskers and * mark a Wilson 95% CI computed from the counts." if any(
        r.computed for r in shown) else ""
    return f"Points with {words}, {extent}; the table that follows gives every value.{computed}"


def rate_scale(points: Iterable[tuple[float, float | None, float | None]]) -> Scale:
    """0 to 10, 20, 50 or 100% for the ``(value, low, high)`` of every row: rare events (deaths, 2%) stay
    readable, and no rate runs off the end."""
    top = max((v for value, _, high in points for v in (value, high) if v is not None), default=0.0)
    return Scale(0.0, next((t for t in RATE_TOPS if top <= t), max(top, 100.0)), False)


def rate_chart(rows: tuple[ComparisonRow, ...], chart_id: str, title: str) -> Markup:
    """Percentages of patients with their CIs, on a 0-based scale wide enough for every row."""
    scale = rate_scale((r.value, r.ci_low, r.ci_high) for r in rows)
    ticks = tuple(scale.high * i / RATE_TICK_COUNT for i in range(RATE_TICK_COUNT + 1))
    return interval_chart(rows, chart_id, title, scale, ticks, "Percent of patients")


def year_bars(counts: tuple[tuple[str, int], ...], chart_id: str, title: str) -> Markup:
    """Studies per publication year as bars, oldest on the left; every fifth year named when crowded."""
    height, top, bottom, left, right = 190, 12, 150, 40, WIDTH - 10
    peak = max((c for _, c in counts), default=0) or 1
    step = (right - left) / max(1, len(counts))
    every = 1 if len(counts) <= 16 else 5
    body = _svg_start(chart_id, height, title,
                      "Bars, one per year; the list of years that follows gives every count.") + [
        f'<line class="axis" x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="currentColor"/>',
        _text(left - 6, top + 8, str(peak), "end"),
        _text(left - 6, bottom, "0", "end"),
        _text((left + right) / 2, height - 6, "Studies per publication year", "middle", "axis-label"),
    ]
    for index, (year, count) in enumerate(counts):
        bar = round((bottom - top) * count / peak, 1)
        x = round(left + index * step + step * 0.15, 1)
        body.append(f'<g><title>{escape(year)}: {count} {"study" if count == 1 else "studies"}</title>'
                    f'<rect class="point" x="{x}" y="{round(bottom - bar, 1)}" width="{round(step * 0.7, 1)}" '
                    f'height="{bar}" fill="#3d7cc9"/></g>')
        if index % every == 0 or index == len(counts) - 1:
            body.append(_text(round(left + (index + 0.5) * step, 1), bottom + 16, year, "middle"))
    body.append("</svg>")
    return Markup("\n".join(body))


# A forest plot's marks: every row's SVG shares this width, so their scales line up; 1 is in the middle.
FOREST_WIDTH = 300
FOREST_MARGIN = 10
FOREST_ROW_HEIGHT = 20
FOREST_AXIS_HEIGHT = 30


def forest_scale(plot: ForestPlot) -> Scale:
    """The log scale of a forest plot: symmetric about 1, holding every row, the pooled estimate and its
    prediction interval."""
    points = [(r.value, r.ci_low, r.ci_high) for r in plot.rows]
    if plot.pooled:
        points.append((plot.pooled.value, plot.pooled.pi_low or plot.pooled.ci_low, plot.pooled.pi_high or plot.pooled.ci_high))
    scale = log_scale(points)
    return Scale(scale.low, scale.high, True, FOREST_MARGIN, FOREST_WIDTH - FOREST_MARGIN)


def _marks_svg(content: list[str], height: float = FOREST_ROW_HEIGHT) -> str:
    return (f'<svg class="forest-marks" viewBox="0 0 {FOREST_WIDTH} {height}" aria-hidden="true" focusable="false" '
            f'xmlns="http://www.w3.org/2000/svg">' + "".join(content) + "</svg>")


def _row_svg(row: ComparisonRow, scale: Scale) -> str:
    mid = FOREST_ROW_HEIGHT / 2
    marks = [f'<line class="no-effect" x1="{scale.x(1.0)}" y1="0" x2="{scale.x(1.0)}" y2="{FOREST_ROW_HEIGHT}"/>']
    if row.ci_low is not None and row.ci_high is not None and row.ci_low > 0:
        x1, x2 = scale.x(row.ci_low), scale.x(row.ci_high)
        marks.append(f'<line class="whisker" x1="{x1}" y1="{mid}" x2="{x2}" y2="{mid}"/>'
                     f'<line class="whisker" x1="{x1}" y1="{mid - 4}" x2="{x1}" y2="{mid + 4}"/>'
                     f'<line class="whisker" x1="{x2}" y1="{mid - 4}" x2="{x2}" y2="{mid + 4}"/>')
    x = scale.x(row.value)
    marks.append(f'<rect class="point" x="{x - 4}" y="{mid - 4}" width="8" height="8"/>')
    return _marks_svg(marks)


def _pooled_svg(pooled: Pooled, scale: Scale) -> str:
    mid = FOREST_ROW_HEIGHT / 2
    marks = [f'<line class="no-effect" x1="{scale.x(1.0)}" y1="0" x2="{scale.x(1.0)}" y2="{FOREST_ROW_HEIGHT}"/>']
    if pooled.pi_low is not None and pooled.pi_high is not None:
        marks.append(f'<line class="prediction" x1="{scale.x(pooled.pi_low)}" y1="{mid}" '
                     f'x2="{scale.x(pooled.pi_high)}" y2="{mid}"/>')
    low, value, high = scale.x(pooled.ci_low), scale.x(pooled.value), scale.x(pooled.ci_high)
    marks.append(f'<polygon class="diamond" points="{low},{mid} {value},{mid - 7} {high},{mid} {value},{mid + 7}"/>')
    return _marks_svg(marks)


def _axis_svg(scale: Scale) -> str:
    ticks = [t for t in LOG_TICKS if scale.low <= t <= scale.high]
    marks = [f'<line class="axis" x1="{scale.left}" y1="1" x2="{scale.right}" y2="1"/>']
    for tick in ticks:
        x = scale.x(tick)
        marks.append(f'<line class="axis" x1="{x}" y1="1" x2="{x}" y2="6"/>')
        marks.append(f'<text x="{x}" y="20" text-anchor="middle">{plain_number(tick)}</text>')
    return _marks_svg(marks, FOREST_AXIS_HEIGHT)


def _ratio_text(value: float, low: float | None, high: float | None, level_text: str = "") -> str:
    interval = f" ({level_text}{plain_number(low)}–{plain_number(high)})" if low is not None and high is not None else ""
    return plain_number(value) + interval


def _rounded(value: float) -> str:
    return plain_number(round(value, 2))


def forest_row_html(row: ComparisonRow, scale: Scale, root: str) -> str:
    """One row: the study in full and its comparison, its marks, its ratio with its interval."""
    name = (f'<a href="{escape(root + row.study_url)}">{escape(row.study_label)}</a> '
            f'<span class="forest-title">{escape(row.study_title)}</span>' if row.study_has_authors
            else f'<a href="{escape(root + row.study_url)}">{escape(row.study_title)}</a>')
    comparison = (f"{escape(row.comparison[0])} vs {escape(row.comparison[1])}" if row.comparison
                  else "arms compared not stated")
    details = " · ".join(escape(p) for p in (row.timepoint, row.arm if not row.comparison else None) if p)
    level = "" if row.ci_shown == row.ci_text else row.ci_shown.removesuffix(row.ci_text)
    shown = _ratio_text(row.value, row.ci_low, row.ci_high, level)
    if row.relation != "=":
        shown = f"{row.relation} {shown}"
    trial = (f'<span class="trial">{escape(row.trial)}: one of {row.trial_reports} reports of this trial</span>'
             if row.trial else "")
    return (f'<li class="forest-row" data-row="{escape(row.key)}"><div class="forest-study">{name}'
            f'<span class="forest-comparison">{comparison}{" · " + details if details else ""}</span>{trial}</div>'
            f'{_row_svg(row, scale)}<div class="forest-value">{escape(shown)}</div></li>')


def pooled_text(pooled: Pooled) -> str:
    """"0.55 (0.41–0.8)": the pooled ratio with its 95% CI, rounded to two places."""
    return f"{_rounded(pooled.value)} ({_rounded(pooled.ci_low)}–{_rounded(pooled.ci_high)})"


def pooled_details(pooled: Pooled) -> str:
    """"k = 3; I² 31%; τ² 0.027; prediction interval 0.3–1.02"."""
    parts = [f"{pooled.k} trials", f"I² {plain_number(round(pooled.i2))}%", f"τ² {pooled.tau2:.3g}"]
    if pooled.pi_low is not None and pooled.pi_high is not None:
        parts.append(f"95% prediction interval {_rounded(pooled.pi_low)}–{_rounded(pooled.pi_high)}")
    else:
        parts.append("no prediction interval from 2 trials")
    return "; ".join(parts)


def forest_figure(plot: ForestPlot, table_id: str, root: str,
                  row_html: Callable[[Sequence[ComparisonRow], Scale], list[str]] | None = None) -> Markup:
    """A forest plot as a figure: HTML rows (the study's name wraps, and stacks over its marks on a phone),
    each with its marks drawn as SVG on one shared log scale, the axis, the "favours" labels and,
    where declared and possible, the pooled diamond with its method. ``row_html`` gives the rows' HTML
    on a scale (as ``forest_row_html`` makes them: kept between builds, say)."""
    scale = forest_scale(plot)
    abbreviation = RATIO_NAMES[plot.kind][1]
    heading = ci_heading(r.ci_level for r in plot.rows if r.has_ci)
    count = len(plot.rows)
    aid = escape(plot.anchor)
    body = [f'<figure class="forest" id="{aid}" data-forest-for="{escape(table_id)}" aria-labelledby="{aid}-title">',
            f'<h3 id="{aid}-title">{escape(plot.title)}</h3>',
            f'<figcaption>{count} {"result" if count == 1 else "results"}, each with its {escape(heading)} where '
            f'the abstract gives one; log scale, the line of no effect at 1.'
            f' <span class="forest-status" role="status"></span></figcaption>',
            f'<div class="forest-head" aria-hidden="true"><span>Study and comparison</span><span></span>'
            f'<span>{abbreviation} ({escape(heading)})</span></div>',
            '<ul class="forest-rows">']
    body += row_html(plot.rows, scale) if row_html else [forest_row_html(r, scale, root) for r in plot.rows]
    if plot.pooled:
        body.append(f'<li class="forest-row forest-pooled" data-pooled><div class="forest-study"><strong>Pooled '
                    f'(random effects)</strong><span class="forest-comparison">{escape(pooled_details(plot.pooled))}'
                    f'</span></div>{_pooled_svg(plot.pooled, scale)}<div class="forest-value">'
                    f'{escape(pooled_text(plot.pooled))}</div></li>')
    body.append("</ul>")
    favours = plot.favours
    body.append(f'<div class="forest-axis"><span></span><div>{_axis_svg(scale)}'
                f'<p class="forest-axis-label">{escape(RATIO_NAMES[plot.kind][0])}, log scale (1 = no difference)</p>')
    if favours:
        body.append(f'<p class="forest-favours"><span>← {escape(favours[0])}</span>'
                    f'<span>{escape(favours[1])} →</span></p>')
    body.append("</div><span></span></div>")
    if not favours:
        body.append('<p class="forest-note">No "favours" labels: not every row names the arms it compares, or the '
                    'outcome does not say which way is better.</p>')
    if plot.pooled:
        left_out = "".join(f"<li>{escape(line)}</li>" for line in plot.pooled.left_out)
        body.append(f'<p class="forest-method"><strong>Method.</strong> {escape(plot.pooled.method)}</p>'
                    + (f'<p class="forest-note">Not pooled:</p><ul class="forest-left-out">{left_out}</ul>'
                       if left_out else ""))
    elif plot.declared:
        body.append('<p class="forest-note">Declared for pooling, but fewer than two trials give a result with a '
                    'confidence interval: no pooled estimate.</p>')
    body.append("</figure>")
    return Markup("\n".join(body))
