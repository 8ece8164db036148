"""The compare stage (generator/compare.py) and the comparison pages it feeds (generator/render/comparisons.py)."""

from __future__ import annotations

import pickle
from dataclasses import replace
import re
from pathlib import Path

import pytest

from generator.charts import MAX_CHART_ROWS
from generator.compare import (
    ComparisonPage, Comparisons, RowGroup, build_comparisons, build_row, comparison_part, plain_number, study_label,
    timepoint_months, topic_slugs,
)
from generator.config import SiteConfig, load_config, parse_config
from generator.model import Arm, Extraction, Finding, Studies, Study
from generator.pipeline import collect
from generator.parts import study_parts
from generator.render import build_environment, render_site
from generator.render.comparisons import RowCache, comparison_pages, hub_page, page_root

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = '<script>alert("x")</script> & <b>bold</b>'
ALL = SiteConfig(comparison_min_studies=1)


def finding(kind: str, value: float, **fields) -> Finding:
    """An invented finding; the sentence defaults to one that names the number."""
    sentence = fields.pop("sentence", f"The figure was {plain_number(value)}.")
    return Finding(kind=kind, value=value, text=plain_number(value), section="results", sentence=sentence,
                   start=15, end=15 + len(plain_number(value)), **fields)


def study(sid: str, *findings: Finding, **fields) -> Study:
    """An invented study with ``findings``; ``fields`` replace its metadata or extraction."""
    extraction = {"design": "single_arm_trial", "n_total": 100, "conditions": ("melanoma",),
                  "interventions": ("interleukin-2",), "arms": (), "findings": findings}
    extraction.update({k: fields.pop(k) for k in list(fields) if k in extraction})
    values = {"id": sid, "source": f"{sid}.txt", "title": f"Study {sid}", "title_generated": False,
              "authors": ("Moreau CL", "Diaz P"), "journal": None, "year": 2020, "doi": None, "pmid": None,
              "publication_types": (), "mesh_terms": (), "sections": (), "extraction": Extraction(**extraction)}
    values.update(fields)
    return Study(**values)


def compare(studies: tuple[Study, ...], config: SiteConfig) -> Comparisons:
    """The compare stage over these studies (in id order), from their parts as the build makes them."""
    return build_comparisons([comparison_part(s, config) for s in studies], config)


@pytest.fixture(scope="module")
def seed_pages():
    """The seeds' comparison pages rendered with the repository's config: {path: text}."""
    config, diagnostics = load_config(ROOT / "site_config.yml")
    assert diagnostics == []
    comparisons = build_comparisons([p.comparison for p in collect(ROOT / "content", config).parts], config)
    common = {"site_title": config.title, "config": config, "nav_links": ()}
    env = build_environment()
    (hub_path, hub_title, hub), html = hub_page(env, comparisons, common), comparison_pages(env, comparisons.pages, common)
    return dict([(hub_path, hub)] + html), (hub_title, hub_path)


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """The cells of a table's body as plain text, row by row."""
    body = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
             for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


def test_seed_response_page_lists_both_response_rates_with_their_n(seed_pages):
    pages, _ = seed_pages
    rows = table_rows(pages["compare/response/index.html"], "group-overall-response-rate-table")
    assert [(r[0].split(" ")[0], r[3], r[6], r[7]) for r in rows] == [
        ("High-dose", "270", "16%", "12–21%"),
        ("Walther", "195", "18%", ""),
    ]


def test_seed_complete_responses_get_a_computed_wilson_ci_from_the_study_n(seed_pages):
    pages, _ = seed_pages
    html = pages["compare/response/index.html"]
    assert table_rows(html, "group-complete-response-table")[0][6:8] == ["6% (17/270)", "4.0–9.9% computed"]
    assert '<td data-sort="4.0" data-computed="wilson">4.0–9.9% <span class="computed">computed</span></td>' in html


def test_seed_effect_size_page_and_forest_plot_show_ruers_hazard_ratio(seed_pages):
    pages, _ = seed_pages
    html = pages["compare/effect-sizes/index.html"]
    assert table_rows(html, "group-hazard-ratio-table")[0][1:] == [
        "2017", "Randomized trial", "119", "Overall survival", "", "", "0.58", "0.38–0.88", ".01"]
    forest = re.search(r'<figure class="forest".*?</figure>', html, re.S).group(0)
    assert re.findall(r'<h3 id="[^"]+">(.*?)</h3>', forest) == ["Hazard ratio for overall survival: randomized trials"]
    rows = re.findall(r'<li class="forest-row" data-row="([^"]+)">.*?<span class="forest-comparison">(.*?)</span>'
                      r'.*?<div class="forest-value">(.*?)</div>', forest)
    assert rows == [("doi-10-1093-jnci-djx015:6", "combined modality vs systemic treatment", "0.58 (0.38–0.88)")]
    assert "<span>← Favours combined modality</span><span>Favours systemic treatment →</span>" in forest


def test_seed_safety_page_keeps_treatment_deaths_and_leaves_deaths_at_follow_up_to_survival(seed_pages):
    pages, _ = seed_pages
    rows = table_rows(pages["compare/safety/index.html"], "group-deaths-table")
    assert [(r[3], r[6], r[7]) for r in rows] == [("270", "2% (6/270)", "1.0–4.8% computed"),
                                                  ("195", "1% (2/195)", "0.3–3.7% computed")]


def test_seed_hub_is_the_one_mkdocs_page_and_the_one_nav_entry(seed_pages):
    pages, nav = seed_pages
    assert nav == ("Comparisons", "compare/index.md")
    assert [p for p in pages if p.endswith(".md")] == ["compare/index.md"]
    assert ('<li><a href="../compare/effect-sizes/">Effect sizes</a> — 1 result from 1 study.</li>'
            in pages["compare/index.md"])


def test_every_link_on_a_comparison_page_is_relative(seed_pages):
    pages, _ = seed_pages
    for path, text in pages.items():
        assert not re.search(r'(href|src)="/', text), path
        assert "/work/" not in text, path


@pytest.mark.parametrize("found, study_n, arms, expected", [
    # (value, numerator, denominator, unit, kind, arm, ci), study N, arms -> (n, ci text, computed, count)
    ((16, 16, 100, "%", "response_rate", None, None), 200, (), (100, "10.1–24.4%", True, "16/100")),
    ((6, 17, None, "%", "complete_response", None, None), 270, (), (270, "4.0–9.9%", True, "17/270")),
    ((40, None, 50, "%", "response_rate", None, None), 60, (), (50, "27.6–53.8%", True, "20/50")),
    ((30, 17, None, "%", "response_rate", None, None), 270, (), (270, "", False, "")),
    ((18, None, None, "%", "response_rate", None, None), 195, (), (195, "", False, "")),
    ((16, 16, 100, "%", "response_rate", None, (12.0, 21.0)), 100, (), (100, "12–21%", False, "16/100")),
    ((43.1, None, None, "%", "overall_survival_rate", "surgery", None), 119, (Arm("Surgery", 60),),
     (60, "", False, "")),
    ((65, 39, 60, "%", "overall_survival_rate", None, None), 119, (), (60, "", False, "39/60")),
    ((30, 12, None, "%", "response_rate", "placebo", None), 80, (Arm("Surgery", 60),), (None, "", False, "")),
])
def test_row_n_and_computed_ci(found, study_n, arms, expected):
    value, numerator, denominator, unit, kind, arm, ci = found
    f = finding(kind, value, unit=unit, numerator=numerator, denominator=denominator, arm=arm,
                ci_low=ci[0] if ci else None, ci_high=ci[1] if ci else None)
    row = build_row(study("a", f, n_total=study_n, arms=arms), f)
    assert (row.n, row.ci_text, row.ci_computed, row.count_text) == expected


@pytest.mark.parametrize("value, unit, relation, expected", [
    (16.0, "%", "=", "16%"), (45.6, "months", "=", "45.6 months"), (0.58, None, "=", "0.58"),
    (0.5, None, "<", "< 0.5"), (1400000, "U", "=", "1400000 U"),
])
def test_value_text(value, unit, relation, expected):
    f = finding("response_rate", value, unit=unit, relation=relation)
    assert build_row(study("a", f), f).value_text == expected


@pytest.mark.parametrize("authors, year, title, expected", [
    (("Ruers T", "Punt C"), 2017, "T", "Ruers 2017"),
    (("M M Walther",), 1997, "T", "Walther 1997"),
    (("Theo Ruers",), None, "T", "Ruers"),
    ((), 2001, "Short title", "Short title (2001)"),
    ((), None, "A title far longer than the forty characters a chart label may hold",
     "A title far longer than the forty chara…"),
])
def test_study_label(authors, year, title, expected):
    assert study_label(study("a", authors=authors, year=year, title=title)) == expected


@pytest.mark.parametrize("timepoint, months", [("5-year", 60.0), ("30-month", 30.0), ("2-week", 7 / 30.4375 * 2),
                                               (None, -1.0), ("at relapse", -1.0)])
def test_timepoint_months(timepoint, months):
    assert timepoint_months(timepoint) == pytest.approx(months)


def test_outcome_page_needs_min_studies_and_counts_only_study_results():
    cited = finding("response_rate", 30, unit="%", scope="cited", sentence="Others reported 30%.")
    studies = (study("a", finding("response_rate", 20, unit="%")), study("b", cited))
    assert [p.key for p in compare(studies, SiteConfig()).pages if p.kind == "outcome"] == []
    page = compare(studies, ALL).pages[0]
    assert (page.key, page.study_ids, page.summary) == ("response", ("a",), "1 result from 1 study.")
    cited_too = SiteConfig(comparison_scopes=("study", "cited"), comparison_min_studies=1)
    with_cited = compare(studies, cited_too).pages[0]
    assert [(r.study_id, r.scope) for r in with_cited.groups[0].rows] == [("a", "study"), ("b", "cited")]
    assert with_cited.study_ids == ("a",) and with_cited.has_other_scopes


@pytest.mark.parametrize("sentence, on_safety_page", [
    ("Six patients (2%) died from adverse events.", True),
    ("Two (1%) perioperative deaths occurred.", True),
    ("One treatment-related death was seen.", True),
    ("Three deaths unrelated to treatment occurred.", False),
    ("At a median follow-up of 9 years, 92 of 119 patients had died in the systemic treatment arm.", False),
])
def test_only_deaths_tied_to_treatment_are_safety_findings(sentence, on_safety_page):
    deaths = finding("mortality", 2, unit="%", sentence=sentence)
    pages = compare((study("a", deaths),), ALL).pages
    assert any(p.key == "safety" for p in pages) is on_safety_page


def test_a_number_stated_twice_is_one_row():
    five_year = finding("overall_survival_rate", 75, unit="%", timepoint="5-year")
    page = compare((study("a", five_year, five_year),), ALL).pages[0]
    assert page.row_count == 1


@pytest.mark.parametrize("group_by, titles", [
    ("outcome", ["Overall response rate", "Complete response"]),
    ("design", ["Randomized trial", "Single-arm trial"]),
    ("condition", ["gastric cancer", "melanoma"]),
    ("intervention", ["docetaxel", "interleukin-2"]),
    ("none", ["All findings"]),
])
def test_group_by(group_by, titles):
    studies = (
        study("a", finding("complete_response", 5, unit="%"), finding("response_rate", 20, unit="%")),
        study("b", finding("response_rate", 30, unit="%"), design="randomized_trial",
              conditions=("melanoma", "gastric cancer"), interventions=("docetaxel",)),
    )
    page = compare(studies, SiteConfig(comparison_group_by=group_by)).pages[0]
    assert [g.title for g in page.groups] == titles


def test_rows_are_ordered_by_time_point_then_study_then_arm():
    studies = (
        study("b", finding("overall_survival_rate", 40, unit="%", timepoint="5-year", arm="b arm"),
              finding("overall_survival_rate", 60, unit="%", timepoint="1-year"), authors=("Zhou X",)),
        study("a", finding("overall_survival_rate", 50, unit="%", timepoint="5-year", arm="a arm"),
              finding("overall_survival_rate", 30, unit="%", timepoint="30-month")),
    )
    rows = compare(studies, SiteConfig()).pages[0].groups[0].rows
    assert [(r.timepoint, r.study_id) for r in rows] == [
        ("1-year", "b"), ("30-month", "a"), ("5-year", "a"), ("5-year", "b")]


def test_topic_pages_evidence_map_and_years():
    studies = (
        study("a", year=2019, conditions=("melanoma",), interventions=("interleukin-2", "surgery")),
        study("b", year=2021, conditions=("melanoma", "sarcoma"), interventions=("surgery",)),
        study("c", year=None, conditions=(), interventions=("surgery",)),
    )
    comparisons = compare(studies, SiteConfig())
    by_url = {p.url: p for p in comparisons.pages}
    melanoma = by_url["conditions/melanoma/"]
    assert [e.study_id for e in melanoma.entries] == ["b", "a"]
    assert [(l.title, l.anchor, [e.study_id for e in l.entries]) for l in melanoma.lists] == [
        ("interleukin-2", "with-interleukin-2", ["a"]), ("surgery", "with-surgery", ["b", "a"])]
    assert by_url["interventions/surgery/"].study_ids == ("a", "b", "c")
    grid = by_url["compare/evidence-map/"].evidence_map
    assert (grid.conditions, grid.interventions, grid.counts) == (
        ("melanoma", "sarcoma"), ("surgery", "interleukin-2"), ((2, 1), (1, 0)))
    assert grid.condition_urls == ("conditions/melanoma/", "conditions/sarcoma/")
    assert grid.intervention_urls == ("interventions/surgery/", "interventions/interleukin-2/")
    years = by_url["compare/by-year/"]
    assert [(l.title, [e.study_id for e in l.entries]) for l in years.lists] == [
        ("2021", ["b"]), ("2019", ["a"]), ("Year not given", ["c"])]
    assert [p.url for p in comparisons.pages_for("a")] == [
        "conditions/melanoma/", "interventions/interleukin-2/", "interventions/surgery/"]


def test_pages_for_without_an_index_scans_the_pages():
    pages = (ComparisonPage("A", "compare/a/", ("x", "y")), ComparisonPage("B", "compare/b/", ("y",)))
    assert [p.title for p in Comparisons(pages).pages_for("y")] == ["A", "B"]
    assert Comparisons(pages).pages_for("z") == ()


def test_clashing_names_get_distinct_urls():
    assert topic_slugs(["IL-2", "il 2", "Ünïcode/../x"], "interventions") == {
        "il 2": "interventions/il-2/", "IL-2": "interventions/il-2-2/", "Ünïcode/../x": "interventions/n-code-x/"}


@pytest.mark.parametrize("url, root", [("compare/response/", "../../"), ("compare/", "../"),
                                       ("conditions/x/", "../../")])
def test_page_root(url, root):
    assert page_root(url) == root


def test_hostile_titles_and_names_are_escaped_in_tables_svg_lists_and_csv():
    studies = (
        study("a", finding("hazard_ratio", 0.7, ci_low=0.5, ci_high=0.9, arm=HOSTILE), title=HOSTILE,
              authors=(HOSTILE,), conditions=(HOSTILE,), interventions=(HOSTILE,)),
        study("b", finding("hazard_ratio", 1.2, ci_low=0.9, ci_high=1.6), title="=HYPERLINK(\"x\")"),
    )
    config = SiteConfig()
    comparisons = compare(studies, config)
    common = {"site_title": "T", "config": config, "nav_links": ()}
    env = build_environment()
    hub, html = hub_page(env, comparisons, common), comparison_pages(env, comparisons.pages, common)
    for path, text in [hub[::2]] + html:
        if path.endswith(".csv"):
            continue
        assert "<script>" not in text and "<b>bold" not in text, path
    forest = dict(html)["compare/effect-sizes/index.html"]
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in forest
    assert '">&lt;b&gt;bold&lt;/b&gt; 2020</a>' in forest
    assert ('<li><a href="../conditions/script-alert-x-script-b-bold-b/">&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; '
            '&amp; &lt;b&gt;bold&lt;/b&gt;</a>') in hub[2]
    csv_text = dict(html)["compare/effect-sizes/rows.csv"]
    assert "'=HYPERLINK" in csv_text


@pytest.mark.parametrize("text, message", [
    ("comparisons: [respons]",
     "site_config.yml:1:15: error: comparisons: unknown value 'respons'; did you mean 'response'?; "
     "expected one of: response, overall_survival, progression_free_survival, effect_sizes, safety, "
     "conditions, interventions, evidence_map, by_year"),
    ("comparisons:\n  group_by: arm\n",
     "site_config.yml:2:13: error: comparisons.group_by: expected one of: outcome, design, condition, "
     "intervention, none, found 'arm'"),
    ("comparisons:\n  min_studies: two\n",
     "site_config.yml:2:16: error: comparisons.min_studies: expected a whole number of at least 1, found str 'two'"),
    ("comparisons:\n  scopes: [study, quoted]\n",
     "site_config.yml:2:19: error: comparisons.scopes: unknown value 'quoted'; expected one of: study, cited, design"),
    ("comparisons:\n  pagez: [response]\n",
     "site_config.yml:2:3: error: comparisons: unknown key 'pagez'; did you mean 'pages'?"),
])
def test_comparison_config_errors(text, message):
    _, diagnostics = parse_config(text)
    assert [str(d) for d in diagnostics] == [message]


def test_comparison_config_mapping_and_defaults():
    config, diagnostics = parse_config("comparisons:\n  pages: [response, by_year]\n  group_by: design\n"
                                       "  min_studies: 3\n  scopes: [study, design]\n")
    assert diagnostics == []
    assert (config.comparisons, config.comparison_group_by, config.comparison_min_studies,
            config.comparison_scopes) == (("response", "by_year"), "design", 3, ("study", "design"))
    assert SiteConfig().comparisons[-4:] == ("conditions", "interventions", "evidence_map", "by_year")


def test_names_whose_slugs_clash_keep_distinct_anchors_and_the_map_links_to_them():
    studies = (study("a", conditions=("melanoma",), interventions=("IL-2", "il 2")),)
    comparisons = compare(studies, SiteConfig())
    by_url = {p.url: p for p in comparisons.pages}
    lists = by_url["conditions/melanoma/"].lists
    assert [(l.title, l.anchor) for l in lists] == [("il 2", "with-il-2"), ("IL-2", "with-il-2-2")]
    grid = by_url["compare/evidence-map/"].evidence_map
    assert tuple(zip(grid.interventions, grid.intervention_anchors)) == (("il 2", "with-il-2"), ("IL-2", "with-il-2-2"))


def test_evidence_map_links_only_to_pages_that_are_built():
    config = SiteConfig(comparisons=("evidence_map",))
    grid = compare((study("a"),), config).pages[0].evidence_map
    assert (grid.condition_urls, grid.intervention_urls) == (("",), ("",))


def test_rows_csv_one_line_per_row_computed_ci_marked_and_formulas_defused():
    f = finding("complete_response", 6, unit="%", numerator=17)
    row = build_row(study("a", f, n_total=270, title="=cmd|' /C calc'!A0"), f)
    page = ComparisonPage("Response", "compare/response/", ("a",), groups=(RowGroup("Response", "group-response", (row,)),))
    assert RowCache(build_environment()).outcome_tables(page, "../../", (False, False, False))[1] == (
        "study_id,study_url,study,year,design,n,outcome,arm,timepoint,value,unit,relation,numerator,denominator,"
        "ci_low,ci_high,ci_computed,p_text,p_value,scope,endpoint\n"
        "a,studies/a.html,'=cmd|' /C calc'!A0,2020,single_arm_trial,270,complete_response,,,6,%,=,17,270,4,9.9,"
        "wilson,,,study,\n")


@pytest.mark.parametrize("sentence, text, endpoint", [
    ("There was a difference in OS in favor of the combined arm (hazard ratio [HR] = 0.58, 95% CI 0.38 to 0.88).",
     "0.58", "Overall survival"),
    ("Median progression-free survival was 11.2 months vs 8.1 months (HR, 0.64; 95% CI, 0.49-0.83).",
     "0.64", "Progression-free survival"),
    ("The 5-year relapse-free survival rate was 44% vs 36% (HR 0.81; 95% CI, 0.65-1.01).", "0.81",
     "Relapse-free survival"),
    ("Local tumor progression was less frequent after MWA (odds ratio [OR] 0.52; 95% CI 0.37-0.73).", "0.52",
     "Local progression"),
    ("The hazard ratio was 0.70 for overall survival.", "0.70", "Overall survival"),
    ("The hazard ratio was 0.70 (95% CI 0.5-0.9).", "0.70", None),
])
def test_a_ratio_names_the_outcome_it_compares(sentence, text, endpoint):
    f = Finding(kind="hazard_ratio", value=float(text), text=text, section="results", sentence=sentence,
                start=0, end=len(text))
    assert build_row(study("a", f), f).endpoint == endpoint


def test_comparisons_pickle_for_a_worker_process():
    comparisons = compare((study("a", finding("response_rate", 20, unit="%")),), ALL)
    again = pickle.loads(pickle.dumps(comparisons))
    assert again == comparisons and again.pages_for("a") == comparisons.pages_for("a")


def test_a_capped_chart_says_the_table_has_every_row():
    studies = tuple(study(f"s{i:03d}", finding("response_rate", 10 + i % 50, unit="%"), n_total=20 + i)
                    for i in range(MAX_CHART_ROWS + 1))
    comparisons = compare(studies, SiteConfig())
    common = {"site_title": "T", "config": SiteConfig(), "nav_links": ()}
    html = dict(comparison_pages(build_environment(), comparisons.pages, common))["compare/response/index.html"]
    assert (f"The chart draws the {MAX_CHART_ROWS} results with the largest N; the table below lists all "
            f"{MAX_CHART_ROWS + 1}.</figcaption>") in html
    assert len(table_rows(html, "group-overall-response-rate-table")) == MAX_CHART_ROWS + 1


def test_sitemap_lists_comparison_pages_but_not_their_csv():
    config = SiteConfig(base_url="https://x.org/review", comparison_min_studies=1)
    studies = (study("a", finding("response_rate", 20, unit="%")),)
    parts = [study_parts(s, config) for s in studies]
    files = dict(render_site(Studies.of(studies), compare(studies, config), config, parts).files)
    assert "<loc>https://x.org/review/compare/response/</loc>" in files["sitemap.xml"]
    assert "rows.csv" not in files["sitemap.xml"]


@pytest.mark.parametrize("written_where_made", [False, True])
def test_pages_from_data_are_written_where_they_are_made_when_asked_and_listed_all_the_same(written_where_made):
    config = SiteConfig(base_url="https://x.org/review", comparison_min_studies=1)
    studies = (study("a", finding("response_rate", 20, unit="%")),)
    parts = [study_parts(s, config) for s in studies]
    written: list[tuple[str, bytes]] = []
    site = render_site(Studies.of(studies), compare(studies, config), config, parts,
                       write=written.extend if written_where_made else None)
    from_data = ["studies/a.html", "search/index.html", "data/index.html", "404.html", "conditions/melanoma/index.html",
                 "interventions/interleukin-2/index.html", "compare/evidence-map/index.html",
                 "compare/by-year/index.html", "compare/response/index.html", "compare/response/rows.csv"]
    assert ([rel for rel, _ in written], list(site.written)) == ((from_data, from_data) if written_where_made
                                                                 else ([], []))
    assert [rel for rel, _ in site.html] == ([] if written_where_made else from_data)
    assert [rel for rel, _ in site.files] == ["sitemap.xml"]
    assert "<loc>https://x.org/review/compare/response/</loc>" in dict(site.files)["sitemap.xml"]


def test_with_no_comparison_pages_the_hub_still_exists_and_says_why():
    common = {"site_title": "T", "config": SiteConfig(), "nav_links": ()}
    env = build_environment()
    (path, title, hub), html = hub_page(env, Comparisons(), common), comparison_pages(env, (), common)
    assert (path, title, html) == ("compare/index.md", "Comparisons", [])
    assert hub.startswith(
        '<h1 id="comparisons">Comparisons</h1>\n<p>Studies are shown side by side; a pooled estimate is computed only for an outcome '
        'the review declares comparable, and says so where it is drawn.</p>\n'
        "<p>No comparison pages yet: an outcome needs enough studies reporting it")


@pytest.mark.parametrize("levels, heading, caption", [
    ((95.0, None), "95% CI", "its 95% CI where the abstract gives one; log scale"),
    ((99.79,), "99.79% CI", "its 99.79% CI where the abstract gives one; log scale"),
    ((99.79, 95.0), "CI (95% unless marked)", "its CI (95% unless marked) where the abstract gives one; log scale"),
])
def test_a_ratio_table_and_its_forest_plot_name_the_level_of_each_interval(levels, heading, caption):
    studies = tuple(study(f"s{i}", finding("hazard_ratio", 0.7, ci_low=0.5, ci_high=0.9, ci_level=level))
                    for i, level in enumerate(levels))
    common = {"site_title": "T", "config": ALL, "nav_links": ()}
    html = dict(comparison_pages(build_environment(), compare(studies, ALL).pages, common))[
        "compare/effect-sizes/index.html"]
    assert f'<th scope="col" data-sort-type="number">{heading}</th>' in html
    assert caption in html
    cells = [row[-2] for row in table_rows(html, "group-hazard-ratio-table")]
    assert cells == ["99.79% CI 0.5–0.9" if level == 99.79 else "0.5–0.9" for level in levels]


@pytest.mark.parametrize("value, unit, key", [
    (2, "years", "24"), (5, "months", "5"), (10, "weeks", "2.29979"), (16, "%", "16"), (0.58, None, "0.58"),
])
def test_values_sort_in_a_common_unit_so_two_years_sorts_after_five_months(value, unit, key):
    assert build_row(study("a", finding("median_overall_survival", value, unit=unit)),
                     finding("median_overall_survival", value, unit=unit)).value_sort == key


def test_the_filter_knows_every_synonym_of_the_taxonomy_and_the_starter_vocabulary():
    from generator.extract.vocabulary import filter_synonyms
    config, _ = load_config(ROOT / "site_config.yml")
    synonyms = filter_synonyms(config)
    assert synonyms["il 2"] == ["interleukin-2"]
    assert synonyms["aldesleukin"] == ["interleukin-2"]
    assert synonyms["colorectal liver metastases"] == ["liver metastases", "colorectal cancer"]
    assert "interleukin 2" not in synonyms  # the canonical name itself, spelt with a space


@pytest.mark.parametrize("peak, levels, cells", [
    (1, ((1, 1, 1),), {0: 0, 1: 1}),
    (2, ((1, 1, 1), (2, 2, 2)), {0: 0, 1: 1, 2: 2}),
    (12, ((1, 1, 3), (2, 4, 6), (3, 7, 9), (4, 10, 12)), {0: 0, 1: 1, 3: 1, 4: 2, 9: 3, 10: 4, 12: 4}),
])
def test_map_cells_are_shaded_by_count_in_up_to_four_steps(peak, levels, cells):
    from generator.compare import shade, shade_levels
    assert shade_levels(peak) == levels
    assert {count: shade(count, levels) for count in cells} == cells


def test_the_evidence_map_page_has_a_second_map_of_designs_by_outcomes():
    studies = (study("a", finding("hazard_ratio", 0.7), design="randomized_trial"),
               study("b", finding("response_rate", 20, unit="%"), finding("hazard_ratio", 0.8), design="randomized_trial"),
               study("c", finding("response_rate", 30, unit="%")))
    page = next(p for p in compare(studies, ALL).pages if p.kind == "evidence_map")
    grid = page.design_map
    assert (grid.rows, grid.columns, grid.counts) == (
        ("Randomized trial", "Single-arm trial"), ("Hazard ratio", "Response rate"), ((2, 1), (0, 1)))


def test_an_uncertain_finding_is_no_row_of_any_page_until_a_correction_confirms_it():
    doubtful = finding("hazard_ratio", 0.62, arm="drug X", uncertain="arm")
    studies = (study("a", doubtful, finding("hazard_ratio", 0.7)), study("b", finding("hazard_ratio", 0.5)))
    rows = [r for page in compare(studies, ALL).pages for group in page.groups for r in group.rows]
    assert sorted((r.study_id, r.value) for r in rows) == [("a", 0.7), ("b", 0.5)]
    assert [r.value for _, r in comparison_part(study("a", doubtful), ALL).rows] == []
    confirmed = study("a", replace(doubtful, curated=True))
    assert [(r.value, r.arm, r.finding) for _, r in comparison_part(confirmed, ALL).rows] == [(0.62, "drug X", 1)]
