"""The site stage's writing: files unchanged since the replaced site are hard links to it, blocks
are put in place of their marker, and nothing is written outside the output folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.diagnostics import BuildError
from generator import site as site_module
from generator.cache import BuildCache
from generator.config import SiteConfig
from generator.render import RenderedSite
from generator.site import (BUILD_PREFIX, CONTENT_MARKER, fill_content, record_key, run_mkdocs, site_folder, stamps,
                            write_files)

ROOT = Path(__file__).resolve().parents[2]


def test_a_file_the_previous_site_holds_byte_for_byte_is_linked_the_rest_written(tmp_path):
    previous = tmp_path / "previous"
    write_files(previous, (("same.html", "<p>café</p>"), ("a/changed.html", b"old"), ("longer.html", b"abc"),
                           ("chunks.json", (b"[1,", b"2]")), ("chunks.csv", b"a,b\n1,2\n")))
    (tmp_path / "elsewhere.html").write_bytes(b"linked")
    (previous / "symlink.html").symlink_to(tmp_path / "elsewhere.html")
    site = tmp_path / "site"
    write_files(site, (("same.html", "<p>café</p>"), ("a/changed.html", b"new"), ("longer.html", b"ab"),
                       ("symlink.html", b"linked"), ("b/c/added.html", "added"), ("chunks.json", (b"[1", b",2]")),
                       ("chunks.csv", (b"a,b\n", b"1,2"))), previous)
    inode = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    assert inode["same.html"] == (previous / "same.html").stat().st_ino
    assert inode["a/changed.html"] != (previous / "a" / "changed.html").stat().st_ino
    assert inode["longer.html"] != (previous / "longer.html").stat().st_ino
    assert inode["chunks.json"] == (previous / "chunks.json").stat().st_ino
    assert inode["chunks.csv"] != (previous / "chunks.csv").stat().st_ino
    assert not (site / "symlink.html").is_symlink()
    assert {p: (site / p).read_bytes() for p in inode} == {
        "same.html": "<p>café</p>".encode(), "a/changed.html": b"new", "longer.html": b"ab",
        "symlink.html": b"linked", "b/c/added.html": b"added", "chunks.json": b"[1,2]", "chunks.csv": b"a,b\n1,2"}


@pytest.mark.parametrize("threads", [1, 2])
def test_a_file_already_there_is_replaced_never_written_through(tmp_path, threads):
    """A page linked ahead from the site being replaced and then made again gets a file of its own."""
    write_files(tmp_path / "previous", (("a/page.html", b"old"),))
    (tmp_path / "site" / "a").mkdir(parents=True)
    os.link(tmp_path / "previous" / "a" / "page.html", tmp_path / "site" / "a" / "page.html")
    write_files(tmp_path / "site", (("a/page.html", "new"),), threads=threads)
    assert [(tmp_path / d / "a" / "page.html").read_bytes() for d in ("previous", "site")] == [b"old", b"new"]


@pytest.mark.parametrize("rel", ["../escape.html", "/abs.html", "a/../../b.html", "a\\b.html", ""])
def test_nothing_is_written_outside_the_output_folder(tmp_path, rel):
    with pytest.raises(BuildError, match="refusing to write outside the output folder"):
        write_files(tmp_path / "site", ((rel, "x"),))
    assert not (tmp_path / "escape.html").exists()


def test_a_page_s_content_takes_the_place_of_its_marker(tmp_path):
    (tmp_path / "compare").mkdir()
    (tmp_path / "compare" / "index.html").write_text(f"<main>\n{CONTENT_MARKER}\n</main>\n")
    fill_content(tmp_path, (("compare/index.md", "Comparisons", "<h1>é</h1>\n"),))
    assert (tmp_path / "compare" / "index.html").read_text() == "<main>\n<h1>é</h1>\n</main>\n"


def test_a_page_without_its_marker_fails_the_build_with_a_message(tmp_path):
    (tmp_path / "index.html").write_text("<main></main>")
    with pytest.raises(BuildError) as raised:
        fill_content(tmp_path, (("index.md", "Studies", "<h1>x</h1>"),))
    assert str(raised.value) == ("index.html: expected the marker <!-- litreview:content --> once in the built "
                                 "page, found it 0 times (does the theme show the page's content?)")


def build(out: Path, *flags: str, config: Path = ROOT / "site_config.yml", content: Path = ROOT / "content") -> None:
    assert main(["build", "--content", str(content), "--out", str(out), "--config", str(config), *flags]) == 0


def links(site: Path) -> set[str]:
    """The files of ``site`` that are hard links to another file."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.stat().st_nlink > 1}


def test_a_cached_build_links_the_pages_the_replaced_site_holds_a_cold_one_writes_them(tmp_path, capsys):
    site = tmp_path / "site"
    build(site)
    build(site)
    replaced = next(tmp_path.glob(f"{BUILD_PREFIX}site-*")) / "previous"
    linked = links(site)
    assert {p for p in linked if p.startswith("studies/")} == {
        p.relative_to(site).as_posix() for p in (site / "studies").iterdir()}
    assert "data/studies.json" in linked and "index.html" not in linked  # MkDocs' own pages are written
    assert all((site / p).stat().st_ino == (replaced / p).stat().st_ino for p in linked)
    build(site, "--no-cache")
    assert links(site) == set()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_without_mkdocs_the_site_is_the_same_and_a_warning_says_why(tmp_path, monkeypatch, capsys):
    config = tmp_path / "site_config.yml"
    config.write_text('title: "<b>R & D</b> review"\n')
    build(tmp_path / "with", "--no-cache", config=config)
    monkeypatch.setattr(site_module, "mkdocs_installed", lambda: False)
    monkeypatch.setattr("generator.cli.mkdocs_installed", lambda: False)
    build(tmp_path / "without", "--no-cache", config=config)
    assert tree(tmp_path / "without") == tree(tmp_path / "with")
    home = (tmp_path / "with" / "index.html").read_text()
    assert "<b>" not in home and "<title>Studies · &lt;b&gt;R &amp; D&lt;/b&gt; review</title>" in home
    assert capsys.readouterr().err == (
        "warning: MkDocs is not installed: the home page and the comparisons hub are laid out without it "
        "(install litreview's dependencies: pip install .)\n")


def test_a_study_page_linked_ahead_but_not_kept_is_written_afresh_and_the_replaced_site_left_as_it_was(tmp_path):
    """``site_folder`` links every study page the site holds as recorded; the one whose links an added
    study changes is replaced as it is written, never written through its link into the site it replaces."""
    content, site, config = tmp_path / "content", tmp_path / "site", tmp_path / "site_config.yml"
    config.write_text("title: Review\n")  # an outcome page for two studies or more, as by default
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("004_*"))
    build(site, content=content, config=config)
    before = tree(site)
    shutil.copy(next((ROOT / "content").glob("004_*")), content)
    build(site, content=content, config=config)
    replaced = next(tmp_path.glob(f"{BUILD_PREFIX}site-*")) / "previous"
    assert tree(replaced) == before
    changed = "studies/000-05b27af23292c448.html"  # now links to the colorectal cancer page the trial brings
    assert (site / changed).read_bytes() != before[changed]
    kept = {p for p in before if p.startswith("studies/")} - {changed}
    assert len(kept) == 3 and {p for p in links(site) if p.startswith("studies/")} == kept
    assert all((site / p).stat().st_ino == (replaced / p).stat().st_ino for p in kept)


def test_site_folder_links_the_pages_held_as_recorded_and_deletes_old_builds(tmp_path):
    out, cache = tmp_path / "site", BuildCache(tmp_path / "cache", "")
    write_files(out, (("studies/a.html", b"a"), ("studies/b.html", b"b"), ("studies/c.html", b"c")))
    recorded = {rel: (f"key {rel}", stamp) for rel, stamp in stamps(out, ["studies/a.html", "studies/b.html"]).items()}
    cache.put(record_key(cache, out), {**recorded, "studies/gone.html": ("key", (1, 2, 3))})
    (out / "studies" / "b.html").write_bytes(b"B")  # changed since it was recorded
    old = tmp_path / f"{BUILD_PREFIX}site-old"
    write_files(old / "previous", (("x.html", b"x"),))
    with site_folder(out, cache) as folder:
        assert folder.linked() == {"studies/a.html": recorded["studies/a.html"]}
        assert tree(folder.site) == {"studies/a.html": b"a"}
        assert (folder.site / "studies" / "a.html").stat().st_ino == (out / "studies" / "a.html").stat().st_ino
        assert not old.exists()
    assert not folder.work.exists(), "a folder whose site was not swapped in is removed"
    with pytest.raises(RuntimeError), site_folder(out, cache) as folder:
        raise RuntimeError
    assert not folder.work.exists() and tree(out) == {"studies/a.html": b"a", "studies/b.html": b"B",
                                                      "studies/c.html": b"c"}


def test_mkdocs_lays_out_its_pages_beside_the_site_not_in_it(tmp_path):
    """MkDocs empties the folder it builds in: the study pages linked there ahead must stay."""
    site = tmp_path / "work" / "site"
    write_files(site, (("studies/a.html", b"a"),))
    rendered = RenderedSite((("index.md", "Studies", "<h1>x</h1>"),), (), ())
    run_mkdocs(rendered, SiteConfig(), tmp_path / "work", site)
    assert (site / "studies" / "a.html").read_bytes() == b"a"
    assert CONTENT_MARKER in (site / "index.html").read_text(encoding="utf-8")


def test_an_old_build_is_renamed_out_of_the_builds_before_it_is_deleted(tmp_path, monkeypatch):
    """A build killed deleting an old build's site leaves it under another name: the next build deletes it, and
    never puts a half-deleted site back for a missing one (``recover``)."""
    from generator import site as site_module

    out = tmp_path / "site"
    write_files(out, (("index.html", b"now"),))
    old = tmp_path / f"{BUILD_PREFIX}site-old"
    write_files(old / "previous", (("index.html", b"before"), ("studies/a.html", b"a")))
    seen = []
    monkeypatch.setattr(site_module.shutil, "rmtree", lambda path, ignore_errors=False: seen.append(Path(path).name))
    site_module.delete_old_builds([old])
    assert seen == [f"{site_module.DELETING_PREFIX}site-old"] and not old.exists()
    monkeypatch.undo()
    with site_folder(out):
        pass
    assert not list(tmp_path.glob(".litreview-*"))
