"""A corpus of broken and awkward inputs: the exact message each gets, and what is built from the rest.

The files under ``content/`` are committed; names that some systems cannot hold
(Windows-special characters), the 20 MB file and the bad sidecars are made here.
"""

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.config import SiteConfig
from generator.pipeline import collect

CORPUS = Path(__file__).resolve().parent / "content"
ABSTRACT = ("Background: Drug Q is a new oral agent for advanced gastric cancer. "
            "Methods: We treated {n} patients with drug Q 200 mg twice daily in a single-arm phase II trial. "
            "Results: The objective response rate was 25% (12 of {n}). Median progression-free survival was "
            "5.1 months. Conclusions: Drug Q is active in gastric cancer.")
GENERATED = {
    "a%20b?#&=.txt": "URL name study\n\n" + ABSTRACT.format(n=60),
    'con<>|*"colon:.txt': "Windows name study\n\n" + ABSTRACT.format(n=61),
    "twin a.txt": "Twin B study of a different article\n\n" + ABSTRACT.format(n=62),
    "evil-pmid.md": "---\npmid: '../../../evil'\ntitle: Escaping PMID study\n---\n" + ABSTRACT.format(n=63),
    "orphan.yml": "title: Nobody reads me\n",
    "with space.yml": "titel: Misspelt\n",
    "cr.yml": "findings:\n  add:\n    - {kind: median_pfs, value: 5, text: 'not in the abstract'}\n",
}
EXPECTED = [
    "big.txt: error: file is 20,971,520 bytes; the limit is 5,242,880 bytes",
    "broken-front.md:3:1: error: invalid YAML in front matter: expected ',' or ']', but got '<stream end>'",
    "cr.yml:3:7: error: findings.add[0].text: 'not in the abstract' does not occur in any section of the abstract "
    "(sections: background, methods, results, conclusions)",
    "empty.txt: error: file is empty",
    "front-list.md:2: error: front matter must be a mapping of keys to values, found list",
    "furniture.txt: error: no abstract found in this file (only page furniture such as menus, links and banners)",
    "image.txt: error: file is not text (it looks like a binary or image file)",
    "linked.txt: error: is a link to a file outside the content folder; skipped",
    "malformed.xml:4:1: error: malformed XML: Premature end of data in tag Article line 3",
    "notes.docx: warning: unknown file type '.docx', skipped; expected one of: .md, .medline, .nbib, .nxml, .ris, .txt, "
    ".xml",
    "other.xml: error: not a PubMed or PubMed Central (JATS) XML file (root element is <rss>)",
    "truncated.nbib:3: error: file ends in the middle of a field (line 3 has no line ending and no final full "
    "stop); the export looks cut off",
    "twin-a.txt:1: warning: id 'twin-a' is already used by twin a.txt; kept that one",
    "unclosed-front.md:1: error: front matter opened with '---' on line 1 is never closed (expected a second "
    "'---' line)",
    "whitespace.txt: error: file has only white space",
    "with space.yml:1:1: error: unknown field 'titel'; did you mean 'title'?",
    "orphan.yml: warning: override file has no content file beside it (expected one with the same name)",
]
BUILT = {
    "a-20b": "URL name study", "con-colon": "Windows name study", "controls": "Control study",
    "cp1252": "Sjögren – “quoted” study", "cr": None, "crlf": "Windows study",
    "dots-name": "Dots name study", "pmid-evil": "Escaping PMID study", "no-er": "A trial of drug Q without an end",
    "odd-unicode": "Odd Unicode study", "nul": "NUL byte study", "utf16-no-bom": "No BOM study",
    "twin-a": "Twin B study of a different article", "unicode": "Unicode name study", "utf16": "Naïve cohort",
    "utf8-bom": "Café study",
}


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad") / "content"
    shutil.copytree(CORPUS, folder)
    for name, text in GENERATED.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "big.txt").write_bytes(b"x" * (20 * 1024 * 1024))
    secret = folder.parent / "secret.txt"
    secret.write_text("Secret key study\n\n" + ABSTRACT.format(n=64))
    (folder / "linked.txt").symlink_to(secret)
    return folder


@pytest.fixture(scope="module")
def collection(content):
    return collect(content, SiteConfig())


def test_each_bad_file_gets_its_exact_message(collection):
    assert [str(d) for d in collection.diagnostics] == EXPECTED


def test_every_good_file_is_built_with_a_safe_id(collection):
    assert {s.id: s.title for s in collection.studies if s.id != "cr"} == {k: v for k, v in BUILT.items() if v}
    assert "cr" not in {s.id for s in collection.studies}  # its correction is wrong: skipped, not uncorrected
    assert (collection.files_read, collection.files_skipped) == (16, 15)


@pytest.mark.parametrize("sid, needle", [
    ("cp1252", "Sjögren – “quoted” study"),
    ("utf16", "The objective response rate was 25% (12 of 48)."),
    ("utf8-bom", "Background"),
    ("crlf", "Median progression-free survival was 5.1 months."),
    ("controls", "The objective response rate was 25% (12 of 48)."),
    ("controls", "We treated 48 patients"),
    ("nul", "The objective response rate was 25% (12 of 48)."),
    ("utf16-no-bom", "Median progression-free survival was 5.1 months."),
])
def test_encodings_are_read_as_text(collection, sid, needle):
    study = next(s for s in collection.studies if s.id == sid)
    text = study.title + " " + " ".join(s.text for s in study.sections)
    assert needle in text or needle in {s.heading for s in study.sections}
    assert "\ufffd" not in text and "\r" not in text and "\x00" not in text


def test_odd_unicode_numbers_are_read(collection):
    study = next(s for s in collection.studies if s.id == "odd-unicode")
    kinds = {f.kind: f.value for f in study.extraction.findings}
    assert kinds["hazard_ratio"] == 0.61
    assert kinds["response_rate"] == 25


def test_build_skips_bad_files_and_strict_fails(content, tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["build", "--content", str(content), "--out", str(out),
                 "--config", str(tmp_path / "none.yml")]) == 0
    err = capsys.readouterr().err
    assert err.splitlines()[:len(EXPECTED)] == [f"{content.as_posix()}/{line}" for line in EXPECTED]
    written = [p.resolve() for p in out.rglob("*")]
    assert all(p.is_relative_to(out.resolve()) for p in written)
    data = json.loads((out / "data" / "studies.json").read_text(encoding="utf-8"))
    studies = data["studies"] if isinstance(data, dict) else data
    assert sorted(s["id"] for s in studies) == sorted(k for k, v in BUILT.items() if v)
    for sid in (k for k, v in BUILT.items() if v):
        assert (out / "studies" / f"{sid}.html").is_file()
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert main(["build", "--content", str(content), "--out", str(out), "--config", str(tmp_path / "none.yml"),
                 "--strict"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "error: build failed (--strict): 16 files read, 15 skipped (1 of an unknown type, 14 with errors); 15 studies, "
        f"{sum(len(s['findings']) for s in studies)} findings; 14 errors, 3 warnings")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
