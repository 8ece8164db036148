"""Golden files: every page type and download built from the five seeds, held as reviewed text.

A change to a page shows here as a diff. When the change is meant, regenerate and
review the diff of ``tests/golden/expected/`` in the commit:

    LITREVIEW_REGENERATE_GOLDEN=1 .venv/bin/pytest tests/golden
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = Path(__file__).resolve().parent / "expected"
REGENERATE = os.environ.get("LITREVIEW_REGENERATE_GOLDEN") == "1"
MODIFIED = 1_717_243_200  # 2024-06-01 12:00 UTC
# One file of each page type and every download.
GOLDEN_FILES = (
    "index.html",
    "studies/doi-10-1093-jnci-djx015.html",
    "studies/000-05b27af23292c448.html",
    "studies/doi-10-1016-s0022-5347-01-64091-6.html",  # findings to verify
    "compare/index.html",
    "compare/response/index.html",
    "compare/overall-survival/index.html",
    "compare/effect-sizes/index.html",
    "compare/safety/index.html",
    "compare/evidence-map/index.html",
    "compare/by-year/index.html",
    "conditions/liver-metastases/index.html",
    "interventions/interleukin-2/index.html",
    "search/index.html",
    "data/index.html",
    "404.html",
    "pages/index.html",
    "pages/methods/index.html",
    "search-index/meta.json",
    "search-index/facets.json",
    "search-index/studies/000-05b27af23292c448.json",
    "data/studies.json",
    "data/findings.csv",
    "data/references.ris",
    "data/references.bib",
    "feed.xml",
    "data/added.json",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The seeds built from a copy outside git, modified on a day of its own, so no date of addition depends on
    the checkout."""
    tmp = tmp_path_factory.mktemp("golden")
    shutil.copytree(ROOT / "content", tmp / "content")
    for path in (tmp / "content").rglob("*"):
        os.utime(path, (MODIFIED, MODIFIED))
    subprocess.run([sys.executable, "-m", "generator", "build", "--content", "content", "--out", "site",
                    "--config", str(ROOT / "site_config.yml"), "--no-cache"], cwd=tmp, check=True, capture_output=True)
    return tmp / "site"


@pytest.mark.parametrize("rel", GOLDEN_FILES)
def test_output_matches_its_golden_file(site, rel):
    actual = (site / rel).read_text(encoding="utf-8")
    golden = EXPECTED / rel
    if REGENERATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="\n")
    assert golden.is_file(), f"no golden file for {rel}: run LITREVIEW_REGENERATE_GOLDEN=1 pytest tests/golden"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"expected/{rel}", f"built/{rel}", n=2))
        pytest.fail(f"{rel} differs from its golden file:\n{diff[:6000]}")
