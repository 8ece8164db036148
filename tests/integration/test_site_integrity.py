"""The whole built site: valid HTML, every internal link and fragment resolves, nothing from elsewhere,
and every study that was read is on every output it belongs on."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

html5lib = pytest.importorskip("html5lib")

ROOT = Path(__file__).resolve().parents[2]
SVG_RE = re.compile(r"<svg\b.*?</svg>", re.S)


class PageParser(HTMLParser):
    """Collects ids, links and resource references of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []  # (attribute, value)
        self.h1 = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        self.h1 += tag == "h1"
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.refs.append((f"{tag}.{name}", attrs[name]))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("integrity")
    shutil.copytree(ROOT / "content", tmp / "content")
    subprocess.run([sys.executable, "-m", "generator", "build", "--content", "content", "--out", "site",
                    "--config", str(ROOT / "site_config.yml")], cwd=tmp, check=True, capture_output=True)
    return tmp / "site"


@pytest.fixture(scope="module")
def pages(site) -> dict[Path, PageParser]:
    parsed = {}
    for path in sorted(site.rglob("*.html")):
        parser = PageParser()
        parser.feed(path.read_text(encoding="utf-8"))
        parsed[path] = parser
    return parsed


def test_every_page_is_valid_html_with_one_h1_a_title_and_a_language(site, pages):
    problems = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
        document = parser.parse(text)
        rel = path.relative_to(site).as_posix()
        problems += [f"{rel}: {error}" for error in parser.errors]
        if not document.get("lang") or document.find("head/title") is None or pages[path].h1 != 1:
            problems.append(f"{rel}: needs <html lang>, a <title> and one <h1>")
    assert problems == []
    assert len(pages) >= 20


def test_every_internal_link_and_fragment_resolves_and_nothing_comes_from_elsewhere(site, pages):
    broken = []
    for path, parser in pages.items():
        rel = path.relative_to(site).as_posix()
        for attribute, value in parser.refs:
            parts = urlsplit(value)
            if parts.scheme in ("http", "https", "mailto"):
                if attribute in ("script.src", "link.href") and "alternate" not in value:
                    broken.append(f"{rel}: {attribute} from elsewhere: {value}")
                continue
            if parts.scheme or value.startswith("/"):
                broken.append(f"{rel}: {attribute} is not relative: {value}")
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{rel}: {attribute} {value} does not resolve")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{rel}: {value}: no element with that id")
    assert broken == []


def test_downloads_parse(site):
    json.loads((site / "data" / "studies.json").read_text(encoding="utf-8"))
    ET.parse(site / "feed.xml")
    charts = [svg for page in site.rglob("index.html")
              for svg in SVG_RE.findall(page.read_text(encoding="utf-8"))]
    assert charts, "the seeds' comparison pages have charts"
    for svg in charts:
        ET.fromstring(svg)  # well-formed XML
    assert (site / "data" / "findings.csv").read_text(encoding="utf-8").startswith("study_id,")


def test_every_study_is_everywhere_it_belongs(site):
    studies = json.loads((site / "data" / "studies.json").read_text(encoding="utf-8"))["studies"]
    home = (site / "index.html").read_text(encoding="utf-8")
    csv = (site / "data" / "findings.csv").read_text(encoding="utf-8")
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    meta = json.loads((site / "search-index" / "meta.json").read_text(encoding="utf-8"))
    assert meta["studies"] == len(studies) == 5
    groups = [json.loads((site / "search-index" / "studies" / f"{name}.json").read_text(encoding="utf-8"))
              for name, _ in meta["groups"]]
    assert [len(group) for group in groups] == [size for _, size in meta["groups"]]
    assert [fragment["url"] for group in groups for fragment in group] == [study["url"] for study in studies]
    for study in studies:
        page = (site / study["url"]).read_text(encoding="utf-8")
        assert f'href="{study["url"]}"' in home
        assert f"studies/{study['id']}.html" in feed
        assert all(f"\n{study['id']}," in csv for _ in study["findings"][:1])
        for link in ("compare/", "conditions/", "interventions/"):
            for target in (site / link).rglob("index.html") if (site / link).is_dir() else ():
                linked = f"studies/{study['id']}.html" in target.read_text(encoding="utf-8")
                listed = f'href="../{target.parent.relative_to(site).as_posix()}/"' in page
                if linked and target.parent.relative_to(site).as_posix().count("/") == 1 and \
                        target.parent.name not in ("evidence-map", "by-year"):
                    assert listed, f"{study['id']} is on {target.parent.relative_to(site)} but its page does not say so"
