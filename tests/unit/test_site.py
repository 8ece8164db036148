"""The site stage's scratch folder for the search records."""

from __future__ import annotations

import os
import subprocess
import sys

from generator import site


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


def test_records_go_to_memory_and_the_folders_of_killed_builds_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(site, "RAM_DIR", tmp_path)
    killed = tmp_path / f"{site.RECORDS_PREFIX}{dead_pid()}-abc"
    running = tmp_path / f"{site.RECORDS_PREFIX}{os.getppid()}-def"
    other = tmp_path / "someone-elses"
    for folder in (killed, running, other):
        folder.mkdir()
    made = site.scratch_folder(tmp_path / "fallback")
    assert made.parent == tmp_path and made.name.startswith(f"{site.RECORDS_PREFIX}{os.getpid()}-")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([made.name, running.name, other.name])


def test_without_a_tmpfs_the_records_stay_in_the_build_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(site, "RAM_DIR", tmp_path / "missing")
    assert site.scratch_folder(tmp_path / "fallback") == tmp_path / "fallback"
