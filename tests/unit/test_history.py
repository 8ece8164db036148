"""Dates of addition from git: one call, first addition wins, no git no dates."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from generator.history import added_dates

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def commit(repo, date: str, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "GIT_COMMITTER_DATE": f"{date}T12:00:00", "GIT_AUTHOR_DATE": f"{date}T12:00:00"}
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", date],
                   cwd=repo, check=True, env=env)


def test_each_file_dated_by_the_commit_that_added_it(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    commit(tmp_path, "2024-01-02", {"content/a.txt": "a", "README": "x"})
    commit(tmp_path, "2024-03-04", {"content/a.txt": "a2", "content/sub/b ü.txt": "b"})
    assert added_dates(tmp_path / "content") == {"a.txt": "2024-01-02", "sub/b ü.txt": "2024-03-04"}


def test_a_folder_outside_git_has_no_dates(tmp_path):
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    assert added_dates(tmp_path) == {}
