"""A failure of the machine, not of an input (a full disk, a read-only folder, a file where the site goes) is one
error line naming the folder and what to do, exit 1, the previous site as it was and no cache left filling the
disk; builds into one folder take turns."""

from __future__ import annotations

import errno
import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import generator.site as site_module
from generator.cli import CACHE_DIR, LOCK_FILE, main

ROOT = Path(__file__).resolve().parents[2]
ABSTRACT = ("Agent AX-{i} in advanced cancer: trial {i}\n\nMethods: We enrolled {n} adults and gave agent AX-{i} "
            "10 mg daily. Results: The objective response rate was 25% (10 of {n}).\n")


def write_corpus(folder: Path, count: int, start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        (folder / f"study-{i:03}.txt").write_text(ABSTRACT.format(i=i, n=20 + i))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(content: Path, out: Path) -> int:
    return main(["build", "--content", str(content), "--out", str(out), "--config", str(ROOT / "site_config.yml")])


def run(tmp_path: Path, *prefix: str, out: str = "site") -> subprocess.Popen:
    return subprocess.Popen([*prefix, sys.executable, "-m", "generator", "build", "--content", "content", "--out", out,
                             "--config", str(ROOT / "site_config.yml")], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_full_disk_is_one_error_and_leaves_the_previous_site_and_no_cache(tmp_path, capsys, monkeypatch):
    content, out = tmp_path / "content", tmp_path / "site"
    write_corpus(content, 3)
    assert build(content, out) == 0
    before = snapshot(out)
    write_corpus(content, 20, start=3)
    written = []

    def fill(target, text):  # the disk fills up after a few files, as a real one does: an error without a path
        if len(written) == 5:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(target)
        real_write(target, text)

    real_write = site_module._write
    monkeypatch.setattr(site_module, "_write", fill)
    capsys.readouterr()
    assert build(content, out) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{out}: error: No space left on device; the site was not built (the previous one is as it was); the cache "
        f"({tmp_path / CACHE_DIR}) was removed to free its space; free some space on its disk, or build into "
        f"another folder with --out"]
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_FILE, "content", "site"]


def test_a_small_disk_is_filled_and_emptied_again(tmp_path):
    """The same on a real 2 MB file system, where one can be mounted."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)],
                                           capture_output=True).returncode != 0:
        pytest.skip("no tmpfs can be mounted here")
    try:
        write_corpus(tmp_path / "content", 2)
        done = run(tmp_path, out="disk/site")
        assert done.wait(120) == 0
        before = snapshot(disk / "site")
        write_corpus(tmp_path / "content", 400, start=2)
        done = run(tmp_path, out="disk/site")
        assert done.wait(120) == 1
        assert done.stderr.read().splitlines() == [
            f"{disk / 'site'}: error: No space left on device; the site was not built (the previous one is as it "
            f"was); the cache ({disk / CACHE_DIR}) was removed to free its space; free some space on its disk, or "
            f"build into another folder with --out"]
        assert snapshot(disk / "site") == before
        assert sorted(p.name for p in disk.iterdir()) == [LOCK_FILE, "site"]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


@pytest.mark.parametrize("out, kept", [("shelf/site", " (the previous one is as it was)"), ("shelf/new/site", "")])
def test_a_read_only_output_folder_is_one_error_naming_it(tmp_path, out, kept, unprivileged):
    write_corpus(tmp_path / "content", 2)
    shelf = tmp_path / "shelf"
    assert run(tmp_path, out="shelf/site").wait(120) == 0
    before = snapshot(shelf / "site")
    write_corpus(tmp_path / "content", 1, start=2)
    shelf.chmod(0o555)
    try:
        done = run(tmp_path, *unprivileged, out=out)
        assert done.wait(120) == 1
    finally:
        shelf.chmod(0o755)
    assert done.stderr.read().splitlines() == [
        f"{shelf}: error: Permission denied; the site was not built{kept}; make it writable, or build into another "
        f"folder with --out"]
    assert snapshot(shelf / "site") == before


def test_a_file_where_the_site_would_go_is_kept(tmp_path, capsys):
    write_corpus(tmp_path / "content", 1)
    (tmp_path / "notes.txt").write_text("mine\n")
    assert build(tmp_path / "content", tmp_path / "notes.txt") == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{tmp_path / 'notes.txt'}: error: Not a directory; the site was not built; it is a file, not a folder: "
        f"build into another folder with --out"]
    assert (tmp_path / "notes.txt").read_text() == "mine\n"


def test_a_build_waits_for_the_one_running_into_its_folder(tmp_path):
    write_corpus(tmp_path / "content", 2)
    with open(tmp_path / LOCK_FILE, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        waiting = run(tmp_path)
        line = waiting.stderr.readline()
        time.sleep(0.5)
        assert waiting.poll() is None and not (tmp_path / "site").exists()
    assert line == "site: another build into this folder, or beside it, is running; waiting for it to finish\n"
    assert waiting.wait(120) == 0 and waiting.stderr.read() == ""
    assert (tmp_path / "site" / "index.html").is_file()


def test_builds_into_one_folder_at_once_all_succeed_and_give_the_site_of_one(tmp_path):
    write_corpus(tmp_path / "content", 30)
    assert run(tmp_path, out="alone").wait(120) == 0
    for _ in range(3):
        builds = [run(tmp_path) for _ in range(3)]
        for done in builds:
            assert done.wait(120) == 0
            assert "Traceback" not in done.stderr.read()
        assert snapshot(tmp_path / "site") == snapshot(tmp_path / "alone")


def test_a_fault_of_litreview_own_is_one_error_and_leaves_the_previous_site(tmp_path, capsys, monkeypatch):
    content, out = tmp_path / "content", tmp_path / "site"
    write_corpus(content, 2)
    assert build(content, out) == 0
    before = snapshot(out)

    def broken(*args, **kwargs):
        raise ValueError("a bug\nover two lines")

    monkeypatch.setattr(site_module, "fill_content", broken)
    capsys.readouterr()
    assert build(content, out) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: litreview failed while building the site (ValueError: a bug over two lines); the site was not built "
        "(the previous one is as it was); please report this with the content and site_config.yml"]
    assert snapshot(out) == before
