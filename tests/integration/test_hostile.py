"""Nothing injected: a corpus whose titles, abstracts and corrections are attacks builds into inert text.

``hostile/`` holds a MEDLINE file, a pasted page with a sidecar, a Markdown study
and a page that is only the payload; every field carries ``payload.txt``.
"""

import csv
import json
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main

HOSTILE = Path(__file__).resolve().parent / "hostile"
PAYLOAD = (HOSTILE / "payload.txt").read_text(encoding="utf-8").strip()
# The only scripts a page may load: ours, from the site's own files.
OWN_SCRIPT_PREFIXES = ("assets/", "./assets/", "../assets/", "../../assets/")


class PageScan(HTMLParser):
    """Every element of a page, and what would run or navigate."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.csp: list[str] = []
        self.text: list[str] = []
        self.open_scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and \
                    value.strip().lower().startswith(("javascript:", "data:text/html", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value[:30]}>")
        if tag == "script":
            src = attrs.get("src")
            if not src or not src.startswith(OWN_SCRIPT_PREFIXES):
                self.problems.append(f"<script src={src}>")
        if tag in ("iframe", "object", "embed", "base", "frame"):
            self.problems.append(f"<{tag}>")
        if tag == "img" and attrs.get("src") == "x":
            self.problems.append("<img src=x>")
        if tag == "svg" and "onload" in attrs:
            self.problems.append("<svg onload>")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(attrs.get("content") or "")

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    content = tmp / "content"
    shutil.copytree(HOSTILE, content)
    out = tmp / "site"
    # Not --strict: the page that is only the payload is rightly warned of as not an abstract.
    assert main(["build", "--content", str(content), "--out", str(out), "--config", str(tmp / "none.yml")]) == 0
    return out


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_inert_and_has_a_strict_csp(site):
    scanned = pages(site)
    assert len(scanned) >= 10
    for page in scanned:
        scan = PageScan()
        scan.feed(page.read_text(encoding="utf-8"))
        rel = page.relative_to(site).as_posix()
        assert scan.problems == [], rel
        assert len(scan.csp) == 1, rel
        directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in scan.csp[0].split(";") if d.strip())
        assert "'unsafe-inline'" not in directives.get("script-src", directives.get("default-src", "")), rel
        assert "script-src" in directives or "default-src" in directives, rel


@pytest.mark.parametrize("page, needles", [
    ("studies/hostile-web.html", ["Evil <script>window.__pwned='title'</script> trial", "{{ 7*7 }}",
                                        "{% if true %}T{% endif %}", "[click](javascript:window.__pwned='md')",
                                        "&amp; &lt;b&gt; &#60;i&#62;", "=arm <script>"]),
    ("studies/hostile.html", ["Hand entered {{ config }} <script>", "![i](javascript:alert('md-img'))"]),
    ("studies/pmid-99000123.html", ["MEDLINE <script>window.__pwned='script'</script>"]),
])
def test_payload_is_shown_as_text(site, page, needles):
    scan = PageScan()
    scan.feed((site / page).read_text(encoding="utf-8"))
    text = "".join(scan.text)
    for needle in needles:
        assert needle in text, needle
    assert "49" not in text.split("{{ 7*7 }}")[0][-5:]


def test_studies_json_round_trips_the_strings(site):
    data = json.loads((site / "data" / "studies.json").read_text(encoding="utf-8"))
    studies = {s["id"]: s for s in (data["studies"] if isinstance(data, dict) else data)}
    assert studies["pmid-99000123"]["title"] == "MEDLINE " + PAYLOAD
    assert studies["hostile-web"]["journal"] == "@SUM(1+1) " + PAYLOAD
    assert studies["hostile-web"]["arms"] == [{"name": "=arm " + PAYLOAD, "n": 20}]
    assert studies["hostile"]["title"] == "Hand entered {{ config }} " + PAYLOAD
    assert sorted(studies["hostile-web"]["curated_fields"]) == ["arms", "authors", "conditions", "findings",
                                                                "interventions", "journal"]


@pytest.mark.parametrize("path", ["data/findings.csv", "compare/response/rows.csv"])
def test_csv_cells_are_defused(site, path):
    with (site / path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    # The relation columns hold one of the relation signs, written as they are (pandas and R read them so).
    relations = {i for i, name in enumerate(rows[0]) if name in ("relation", "p_relation")}
    assert all(row[i] in ("", "=", "<", ">", "<=", ">=") for row in rows[1:] for i in relations), path
    cells = [cell for row in rows[1:] for i, cell in enumerate(row) if i not in relations]
    assert any(PAYLOAD in cell for cell in cells), path
    risky = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not c[1:2].isdigit())]
    assert risky == [], path


def test_feed_and_references_are_well_formed(site):
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    assert not [e for e in feed.iter() if e.tag.rsplit("}", 1)[-1] in ("script", "img", "svg")]
    assert PAYLOAD in "".join(feed.itertext())
    ris = (site / "data" / "references.ris").read_text(encoding="utf-8")
    assert all(line[:2].isupper() or not line for line in ris.splitlines())


def test_curated_values_are_marked_on_the_page(site):
    page = (site / "studies" / "hostile-web.html").read_text(encoding="utf-8")
    assert 'data-kind="response_rate" data-family="response" data-scope="study" data-curated="true"' in page
    assert 'title="Corrected by a reviewer: arms, authors, conditions, findings, interventions, journal">curated<' \
        in page
