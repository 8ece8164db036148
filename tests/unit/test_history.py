"""Dates of addition from git: one call, first addition wins, no git no dates; given to studies as they load."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cache import ShardedCache
from generator.config import SiteConfig
from generator.history import added_dates
from generator.pipeline import collect

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


def test_studies_are_dated_by_their_files_unless_they_say_otherwise_cached_or_not(tmp_path):
    """The date from history is given to a study as it is loaded, so a study cached before its
    file was committed is dated all the same; an ``added:`` in its sidecar wins."""
    root = Path(__file__).resolve().parents[2] / "content"
    content = tmp_path / "content"
    content.mkdir()
    for seed in sorted(root.glob("00[12]_*.txt")):
        shutil.copy(seed, content)
    (content / next(content.glob("002_*")).with_suffix(".yml").name).write_text("added: 2020-05-06\n")
    cache = ShardedCache(tmp_path / "cache", "")
    undated = collect(content, SiteConfig(), cache)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    commit(tmp_path, "2024-01-02", {})
    dated = collect(content, SiteConfig(), cache)
    assert undated.studies.encoded == dated.studies.encoded  # from the cache, as they were read
    assert [s.source[:3] for s in dated.studies] == ["001", "002"]  # in id order, which these share
    assert [s.added for s in undated.studies] == [None, "2020-05-06"]
    assert tuple(s.added for s in dated.studies) == dated.studies.added == ("2024-01-02", "2020-05-06")
    assert [s.id for s in dated.studies[1:]] == [dated.studies[1].id] == [dated.studies.ids[1]]
