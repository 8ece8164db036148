"""Dates of addition from git: one call, first addition wins, no git no dates; given to studies as they load."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cache import ShardedCache
from generator.config import SiteConfig
from generator.history import RECORD, added_dates, dates_of_addition, recorded_dates
from generator.pipeline import collect

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
MODIFIED = 1_677_844_800  # 2023-03-03 12:00 UTC


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
    for path in content.iterdir():
        os.utime(path, (MODIFIED, MODIFIED))
    cache = ShardedCache(tmp_path / "cache", "")
    undated = collect(content, SiteConfig(), cache)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    commit(tmp_path, "2024-01-02", {})
    dated = collect(content, SiteConfig(), cache)
    assert undated.studies.encoded == dated.studies.encoded  # from the cache, as they were read
    assert [s.source[:3] for s in dated.studies] == ["001", "002"]  # in id order, which these share
    assert [s.added for s in undated.studies] == ["2023-03-03", "2020-05-06"]
    assert tuple(s.added for s in dated.studies) == dated.studies.added == ("2024-01-02", "2020-05-06")
    assert [s.id for s in dated.studies[1:]] == [dated.studies[1].id] == [dated.studies.ids[1]]


def test_outside_git_a_file_is_dated_as_recorded_else_by_its_modification_day(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
        os.utime(tmp_path / name, (MODIFIED, MODIFIED))
    dates = dates_of_addition(tmp_path, ["a.txt", "b.txt", "gone.txt"], {"b.txt": "2021-01-01"})
    assert dates == {"a.txt": "2023-03-03", "b.txt": "2021-01-01"}


def test_the_recorded_dates_are_read_from_the_site_and_nothing_else_breaks_them(tmp_path):
    assert recorded_dates(tmp_path) == {}
    (tmp_path / RECORD).parent.mkdir(parents=True)
    (tmp_path / RECORD).write_text('{"a.txt": "2021-01-01", "b.txt": 3}', encoding="utf-8")
    assert recorded_dates(tmp_path) == {"a.txt": "2021-01-01"}
    for broken in ("[1]", "{", "\xff"):
        (tmp_path / RECORD).write_text(broken, encoding="utf-8")
        assert recorded_dates(tmp_path) == {}


def test_a_file_touched_after_it_was_added_keeps_its_date_in_the_next_build(tmp_path):
    """Outside git the build records each file's date, so a rebuild after a touch gives the same feed."""
    root = Path(__file__).resolve().parents[2]
    content = tmp_path / "content"
    content.mkdir()
    seed = sorted(root.glob("content/00[12]_*.txt"))[0]
    shutil.copy(seed, content)
    os.utime(content / seed.name, (MODIFIED, MODIFIED))
    out = tmp_path / "site"

    def build() -> bytes:
        subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out),
                        "--config", str(root / "site_config.yml"), "--no-cache"], check=True, capture_output=True)
        return (out / "feed.xml").read_bytes()

    first = build()
    assert b"<updated>2023-03-03T00:00:00Z</updated>" in first
    (content / seed.name).touch()
    assert build() == first
