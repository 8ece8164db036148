"""Downloads: references, the Atom feed and the home page's recently-added list."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace

from generator.config import SiteConfig
from generator.export import study_downloads
from generator.model import Extraction, Finding, Studies, Study
from generator.render import build_environment
from generator.render.downloads import FEED_COUNT, download_files, recently_added

ATOM = "{http://www.w3.org/2005/Atom}"


def study(sid: str, added: str | None, title: str = "A title") -> Study:
    return Study(id=sid, source=f"{sid}.txt", title=title, title_generated=False, authors=("Smith J",),
                 journal="J", year=2001, doi=None, pmid=None, publication_types=(), mesh_terms=(),
                 sections=(), extraction=Extraction(n_total=10), added=added)


STUDIES = (study("b", "2024-05-01"), study("a", "2024-05-01"), study("c", None), study("d", "2025-01-31"))


def files(config: SiteConfig, studies=STUDIES) -> dict[str, str]:
    """Each download's text (the data files come as chunks of UTF-8)."""
    studies = sorted(studies, key=lambda s: s.id)  # as the build gives them
    parts = [study_downloads(s) for s in studies]
    return {path: text if isinstance(text, str) else b"".join(text).decode()
            for path, text in download_files(build_environment(), Studies.of(studies), config, parts)}


def test_recently_added_is_newest_first_then_by_id_and_skips_undated():
    studies = Studies.of(sorted(STUDIES, key=lambda s: s.id))
    assert [s.id for s in recently_added(studies, 10)] == ["d", "a", "b"]
    assert [s.id for s in recently_added(studies, 2)] == ["d", "a"]


def test_feed_is_atom_with_absolute_links_when_the_base_url_is_known():
    feed = ET.fromstring(files(SiteConfig(title="R & D <review>", base_url="https://x.org/r"))["feed.xml"])
    assert feed.findtext(f"{ATOM}title") == "R & D <review>"
    assert feed.findtext(f"{ATOM}updated") == "2025-01-31T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        "https://x.org/r/studies/d.html", "https://x.org/r/studies/a.html", "https://x.org/r/studies/b.html",
        "https://x.org/r/studies/c.html"]
    assert entries[-1].findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"
    assert entries[0].findtext(f"{ATOM}summary") == "J 2001 · N = 10"


def test_the_feed_holds_the_newest_additions_only():
    dated = tuple(study(f"s{i:03}", f"2024-01-{1 + i % 28:02}") for i in range(FEED_COUNT))
    feed = ET.fromstring(files(SiteConfig(title="t"), dated + (study("undated", None),))["feed.xml"])
    updated = [e.findtext(f"{ATOM}updated") for e in feed.findall(f"{ATOM}entry")]
    assert len(updated) == FEED_COUNT == 100
    assert updated == sorted(updated, reverse=True) and "1970-01-01T00:00:00Z" not in updated


def test_hostile_titles_stay_text_in_the_feed_and_references():
    hostile = '<script>alert(1)</script> & "x" ]]> {{ 7*7 }}'
    out = files(SiteConfig(title="t"), (study("h", None, hostile),))
    feed = ET.fromstring(out["feed.xml"])
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}title") == hostile
    assert "<script>" not in out["feed.xml"]
    assert f"TI  - {hostile}\n" in out["data/references.ris"]
    assert "title = {<script>alert(1)</script> \\& \"x\" ]]> \\{\\{ 7*7 \\}\\}}," in out["data/references.bib"]


def test_references_hold_every_study_in_id_order():
    out = files(SiteConfig(title="t"))
    assert out["data/references.ris"].count("TY  - JOUR") == 4
    assert [line.split(":")[-1] for line in out["data/references.bib"].splitlines() if line.startswith("@")] == [
        "a,", "b,", "c,", "d,"]


def test_findings_csv_says_which_findings_are_certain():
    sure = Finding(kind="response_rate", value=31, text="31%", unit="%", section="results",
                   sentence="The response rate was 31%.", start=22, end=25)
    guessed = replace(sure, arm="arm A", uncertain="arm")
    with_findings = replace(study("a", None), extraction=Extraction(n_total=10, findings=(sure, guessed)))
    rows = list(csv.DictReader(io.StringIO(files(SiteConfig(), (with_findings,))["data/findings.csv"])))
    assert [(r["arm"], r["curated"], r["certain"]) for r in rows] == [("", "False", "True"), ("arm A", "False", "False")]
    assert [f["certain"] for f in json.loads(files(SiteConfig(), (with_findings,))["data/studies.json"])["studies"][0]
            ["findings"]] == [True, False]
