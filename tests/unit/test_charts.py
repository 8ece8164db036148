"""Build-time SVG charts (generator/charts.py): scales, marks, labels and escaping."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest

from generator.charts import MAX_CHART_ROWS, Scale, forest_figure, log_scale, rate_chart, rate_scale, year_bars
from generator.compare import ComparisonRow
from generator.config import PoolSpec
from generator.forest import forest_plots

SVG = "{http://www.w3.org/2000/svg}"


def row(study: str = "Ruers 2017", kind: str = "hazard_ratio", value: float = 0.58, low: float | None = 0.38,
        high: float | None = 0.88, **fields) -> ComparisonRow:
    """An invented comparison row."""
    values = {"study_id": "s", "study_url": "studies/s.html", "study_label": study, "study_title": study,
              "year": 2017, "design": "randomized_trial", "n": 119, "kind": kind, "value": value, "unit": None,
              "ci_low": low, "ci_high": high, "p_text": "= .01"}
    values.update(fields)
    return ComparisonRow(**values)


def texts(svg: str) -> list[str]:
    """Every text element's content, in document order."""
    return [t.text or "" for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize("values, low, high", [
    ([(0.58, 0.38, 0.88)], 0.2, 5.0),
    ([(3.0, 1.5, 12.0)], 0.05, 20.0),
    ([(1.0, None, None)], 0.5, 2.0),
    ([(0.9, 0.01, 2.0)], 0.005, 200.0),
])
def test_log_scale_is_symmetric_about_one_with_round_ends(values, low, high):
    assert log_scale(values) == Scale(pytest.approx(low), high, True)


@pytest.mark.parametrize("scale, value, x", [
    (Scale(0.2, 5.0, True), 1.0, 390.0), (Scale(0.2, 5.0, True), 0.2, 270.0), (Scale(0.2, 5.0, True), 5.0, 510.0),
    (Scale(0.2, 5.0, True), 50.0, 510.0), (Scale(0.0, 100.0, False), 25.0, 330.0),
])
def test_scale_positions(scale, value, x):
    assert scale.x(value) == x


def figure(*rows: ComparisonRow) -> str:
    """The one forest plot of these rows, as HTML."""
    plot, = forest_plots(rows, (), "g")
    return str(forest_figure(plot, "g-table", "../../"))


def plain(html: str) -> str:
    """The text of some HTML, its tags gone and its spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_forest_row_names_the_study_in_full_its_comparison_and_draws_its_marks_on_a_log_scale():
    html = figure(row(study_title="Local treatment of unresectable colorectal liver metastases", study_has_authors=True,
                      comparison=("combined modality", "systemic treatment"), endpoint="Overall survival", finding=6))
    item = re.search(r'<li class="forest-row" data-row="s:6">.*?</li>', html).group(0)
    assert plain(item) == ("Ruers 2017 Local treatment of unresectable colorectal liver metastases "
                           "combined modality vs systemic treatment 0.58 (0.38–0.88)")
    marks = ElementTree.fromstring(re.search(r"<svg.*?</svg>", item).group(0))
    assert marks.get("viewBox") == "0 0 300 20"
    no_effect = marks.find(f"{SVG}line[@class='no-effect']")
    assert (no_effect.get("x1"), no_effect.get("x2")) == ("150.0", "150.0")
    point = marks.find(f"{SVG}rect[@class='point']")
    assert (point.get("x"), point.get("y")) == ("98.6", "6.0")
    whisker = marks.find(f"{SVG}line[@class='whisker']")
    assert (whisker.get("x1"), whisker.get("x2")) == ("65.8", "138.9")
    assert texts(re.search(r'<div class="forest-axis">.*?</svg>', html, re.S).group(0)[len('<div class="forest-axis"><span></span><div>'):]) == [
        "0.2", "0.5", "1", "2", "5"]
    assert '<h3 id="g-hazard-ratio-overall-survival-randomized-title">Hazard ratio for overall survival: randomized trials</h3>' in html
    assert plain(re.search(r'<p class="forest-favours">.*?</p>', html).group(0)) == (
        "← Favours combined modality Favours systemic treatment →")


def test_favours_labels_need_every_row_to_name_its_arms_and_an_outcome_that_says_which_way_is_better():
    both = ("a", "b")
    assert "forest-favours" not in figure(row(comparison=both, endpoint=None))
    assert "forest-favours" not in figure(row(comparison=both, endpoint="Overall survival"),
                                         row(study_id="t", endpoint="Overall survival"))
    mixed = figure(row(comparison=both, endpoint="Overall survival"),
                   row(study_id="t", comparison=("c", "d"), endpoint="Overall survival"))
    assert "Favours the experimental arm" in mixed and "Favours the control arm" in mixed
    response = figure(row(kind="odds_ratio", comparison=both, endpoint="Response"))
    assert plain(re.search(r'<p class="forest-favours">.*?</p>', response).group(0)) == "← Favours b Favours a →"


def test_rate_chart_marks_computed_intervals_and_has_no_reference_line():
    computed = row("Moreau 2020", "response_rate", 16, 10.1, 24.4, unit="%", ci_computed=True, p_text=None, n=100)
    svg = str(rate_chart((computed,), "chart-orr", "Response"))
    tree = ElementTree.fromstring(svg)
    assert tree.find(f"{SVG}line[@class='no-effect']") is None
    assert texts(svg)[4:8] == ["Moreau 2020", "16% (10.1–24.4%*)", "100", ""]
    assert tree.find(f".//{SVG}line[@class='whisker']").get("stroke-dasharray") == "4 3"
    assert tree.find(f"{SVG}desc").text == (
        "Points with 95% confidence intervals, 1 row; the table that follows gives every value. "
        "Dashed whiskers and * mark a Wilson 95% CI computed from the counts.")


@pytest.mark.parametrize("levels, heading, shown", [
    ((None,), "HR (95% CI)", "0.58 (0.38–0.88)"),
    ((99.79,), "HR (99.79% CI)", "0.58 (99.79% CI 0.38–0.88)"),
    ((99.79, 95), "HR (CI (95% unless marked))", "0.58 (99.79% CI 0.38–0.88)"),
])
def test_forest_plot_names_each_interval_at_its_own_level(levels, heading, shown):
    html = figure(*(row(study_id=f"s{i}", ci_level=level) for i, level in enumerate(levels)))
    assert f"<span>{heading}</span></div>" in html
    assert re.findall(r'<div class="forest-value">(.*?)</div>', html)[0] == shown


def test_long_labels_are_cut_and_given_whole_in_a_tooltip():
    label = "A very long study label that will not fit beside the plot"
    svg = str(rate_chart((row(label, "response_rate", 20, None, None, unit="%"),), "c", "Rates"))
    assert texts(svg)[4] == "A very long study label that will not fit…"
    assert f"<g><title>{label}: 20%</title>" in svg


def test_a_ratio_of_zero_and_an_uncertain_finding_are_not_forest_rows():
    assert forest_plots((row(value=0.0, low=0.0, high=0.5), row(study_id="t", certain=False)), (), "g") == ()


def test_large_charts_show_the_largest_studies_in_table_order_and_say_so():
    rows = tuple(row(f"Study {i}", "response_rate", 20, 10, 30, unit="%", n=i) for i in range(MAX_CHART_ROWS + 5))
    svg = str(rate_chart(rows, "c", "Many"))
    assert svg.count('class="point"') == MAX_CHART_ROWS
    labels = [t for t in texts(svg) if t.startswith("Study ")]
    assert labels == [f"Study {i}" for i in range(5, MAX_CHART_ROWS + 5)]
    assert f"the {MAX_CHART_ROWS} rows with the largest N of {MAX_CHART_ROWS + 5};" in svg


def test_every_text_is_escaped():
    hostile = '<script>alert(1)</script>&"'
    svg = str(rate_chart((row(hostile, "response_rate", 20, 10, 30, unit="%", arm="</text><a href=x>"),),
                         "c\"><x", hostile))
    ElementTree.fromstring(svg)
    assert "<script>" not in svg and "<a href" not in svg and 'c"><x' not in svg
    assert re.search(r"<title id=\"c&#34;&gt;&lt;x-title\">&lt;script&gt;alert\(1\)&lt;/script&gt;&amp;&#34;</title>", svg)
    html = figure(row(hostile, study_title=hostile, comparison=(hostile, "</li>"), endpoint="Overall survival",
                      study_url='x" onmouseover="y'))
    assert "<script>" not in html and "</li></span>" not in html and 'onmouseover="y' not in html


def test_year_bars_scale_to_the_busiest_year_and_name_every_fifth_when_crowded():
    counts = tuple((str(1990 + i), i % 3) for i in range(21))
    svg = str(year_bars(counts, "chart-years", "Studies per <year>"))
    tree = ElementTree.fromstring(svg)
    assert tree.find(f"{SVG}title").text == "Studies per <year>"
    bars = [(r.get("y"), r.get("height")) for r in tree.iter(f"{SVG}rect")]
    assert bars[:3] == [("150.0", "0.0"), ("81.0", "69.0"), ("12.0", "138.0")]
    assert texts(svg)[3:] == ["1990", "1995", "2000", "2005", "2010"]
    assert texts(svg)[:3] == ["2", "0", "Studies per publication year"]


@pytest.mark.parametrize("values, top", [
    ([(2, 1.0, 4.8), (1, 0.3, 3.7)], 10.0), ([(16, 12, 21)], 50.0), ([(18, None, None)], 20.0),
    ([(56.9, 43.3, 68.5)], 100.0), ([(10, None, None)], 10.0), ([], 10.0),
])
def test_rate_scale_reaches_the_first_round_top_that_holds_every_row(values, top):
    assert rate_scale(values) == Scale(0.0, top, False)


def test_rate_chart_ticks_divide_its_scale_in_five():
    svg = str(rate_chart((row("A", "mortality", 2, 1.0, 4.8, unit="%"),), "c", "Deaths"))
    assert texts(svg)[8:] == ["0", "2", "4", "6", "8", "10", "Percent of patients"]


@pytest.mark.parametrize("study, fields, label", [
    ("Ruers 2017", {"timepoint": "3-year", "arm": "combined modality"}, "Ruers 2017 · 3-year · combined modality"),
    ("Hepatic arterial infusion and interleuk…", {"timepoint": "5-year"}, "Hepatic arterial infusion and in… · 5-year"),
    ("Hepatic arterial infusion and interleuk…", {}, "Hepatic arterial infusion and interleuk…"),
])
def test_chart_labels_shorten_the_study_first_and_keep_what_tells_rows_apart(study, fields, label):
    svg = str(rate_chart((row(study, "overall_survival_rate", 50, None, None, unit="%", **fields),), "c", "OS"))
    assert texts(svg)[4] == label


def test_a_declared_pool_is_drawn_as_a_diamond_with_its_heterogeneity_and_method():
    rows = (row(study_id="a", comparison=("x", "y"), endpoint="Overall survival"),
            row(study_id="b", value=0.8, low=0.6, high=1.1, comparison=("x", "y"), endpoint="Overall survival"),
            row(study_id="c", value=0.7, low=0.5, high=0.95, comparison=("x", "y"), endpoint="Overall survival"))
    plot, = forest_plots(rows, (PoolSpec("hazard_ratio", "overall_survival"),), "g")
    html = str(forest_figure(plot, "g-table", ""))
    pooled = re.search(r'<li class="forest-row forest-pooled" data-pooled>.*?</li>', html).group(0)
    assert plain(pooled) == (f"Pooled (random effects) 3 trials; I² {round(plot.pooled.i2)}%; τ² {plot.pooled.tau2:.3g}; "
                             f"95% prediction interval {round(plot.pooled.pi_low, 2)}–{round(plot.pooled.pi_high, 2)} "
                             f"{round(plot.pooled.value, 2)} ({round(plot.pooled.ci_low, 2)}–{round(plot.pooled.ci_high, 2)})")
    assert '<polygon class="diamond"' in pooled and '<line class="prediction"' in pooled
    assert "statsmodels.stats.meta_analysis.combine_effects" in html
