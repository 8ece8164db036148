"""Every XML output (the feed, the sitemap) is well-formed whatever the input holds: what XML cannot hold
(control characters, halves of characters, U+FFFE and U+FFFF) is dropped, a lone half of a character
(a YAML escape) is U+FFFD everywhere, and two halves of one are that character."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"
# Every control character XML cannot hold, a lone half of a character at each end, the two halves of one,
# the two non-characters, and what XML's syntax is made of; as YAML escapes.
HOSTILE = ("".join(f"\\x{code:02x}" for code in (*range(0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f))
           + r"\ud800|\udfff|\ud83d\ude00|\ufffe\uffff|]]>&<'\"")
# What each shows as.
IN_XML = "\ufffd|\ufffd|\U0001f600||]]>&<'\""
IN_JSON = "\ufffd|\ufffd|\U0001f600|\ufffe\uffff|]]>&<'\""
ABSTRACT = ("Methods: We enrolled 40 adults and gave agent AX-1 10 mg daily. "
            "Results: The objective response rate was 25% (10 of 40).\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("xml")
    content = root / "content"
    content.mkdir()
    (content / "sidecar.txt").write_text("Sidecar study\n\n" + ABSTRACT)
    (content / "sidecar.yml").write_text(f'title: "Sidecar {HOSTILE}"\nauthors: ["Author {HOSTILE}"]\n'
                                         f'journal: "Journal {HOSTILE}"\n')
    (content / "front.md").write_text(f'---\ntitle: "Front {HOSTILE}"\nauthors: ["Writer {HOSTILE}"]\n---\n\n'
                                      + ABSTRACT)
    # A pasted page holds bytes no YAML escape is needed for: controls and U+FFFE in UTF-8.
    (content / "pasted.txt").write_bytes("Pasted \x01\x1b\ufffe study\n\n".encode() + ABSTRACT.encode())
    config = root / "site_config.yml"
    config.write_text(f'title: "Review {HOSTILE}"\ndescription: "About {HOSTILE}"\n'
                      f'base_url: "https://example.org/review/"\n')
    assert main(["build", "--content", str(content), "--out", str(root / "site"), "--config", str(config)]) == 0
    return root / "site"


def test_the_feed_parses_and_holds_what_xml_can(site):
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.findtext(f"{ATOM}title") == f"Review {IN_XML}"
    assert feed.findtext(f"{ATOM}subtitle") == f"About {IN_XML}"
    entries = {e.findtext(f"{ATOM}title"): [a.findtext(f"{ATOM}name") for a in e.findall(f"{ATOM}author")]
               for e in feed.findall(f"{ATOM}entry")}
    assert entries == {f"Sidecar {IN_XML}": [f"Author {IN_XML}"], f"Front {IN_XML}": [f"Writer {IN_XML}"],
                       "Pasted  study": []}
    summaries = sorted(e.findtext(f"{ATOM}summary") for e in feed.findall(f"{ATOM}entry"))
    assert summaries == [f"Journal {IN_XML} · N = 40", "N = 40", "N = 40"]


def test_the_sitemap_parses(site):
    urls = [loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://example.org/review/studies/front.html" in urls


def test_the_data_holds_every_character_json_can(site):
    studies = {s["id"]: s for s in json.loads((site / "data" / "studies.json").read_text(encoding="utf-8"))["studies"]}
    assert studies["sidecar"]["title"] == f"Sidecar {IN_JSON}"
    assert studies["front"]["authors"] == [f"Writer {IN_JSON}"]
    assert studies["pasted"]["title"] == "Pasted \ufffe study"
