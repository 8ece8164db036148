"""Identical input gives byte-identical output: a second build, from another working directory,
in another time zone, with the content files created in another order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def copy_content(target: Path, reverse: bool) -> None:
    target.mkdir(parents=True)
    for path in sorted((ROOT / "content").rglob("*"), reverse=reverse):
        if path.is_file():
            (target / path.relative_to(ROOT / "content")).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / path.relative_to(ROOT / "content"))


def build(cwd: Path, content: str, out: str, zone: str) -> None:
    subprocess.run([sys.executable, "-m", "generator", "build", "--content", content, "--out", out,
                    "--config", str(ROOT / "site_config.yml"), "--no-cache"],
                   cwd=cwd, check=True, capture_output=True, env={**os.environ, "TZ": zone})


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_anywhere_anytime_in_any_order_are_byte_identical(tmp_path):
    copy_content(tmp_path / "a" / "content", reverse=False)
    copy_content(tmp_path / "b" / "nested" / "content", reverse=True)
    build(tmp_path / "a", "content", "site", "UTC")
    build(tmp_path / "b", "nested/content", str(tmp_path / "b" / "out"), "Pacific/Kiritimati")
    first, second = tree(tmp_path / "a" / "site"), tree(tmp_path / "b" / "out")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert len(first) > 50
