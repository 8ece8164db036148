"""Pagefind's index, canonicalised: the same site gives the same bytes, whatever order Pagefind wrote."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import cbor2

from generator.pagefind_output import SIGNATURE, canonicalize_pagefind

ROOT = Path(__file__).resolve().parents[2]


def write(path: Path, value: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(value)))


def fake_index(folder: Path, values: list, filters: list, sorts: list) -> Path:
    """A Pagefind index as 1.5 writes it, with the given (unordered) lists."""
    for name, file_hash in filters:
        write(folder / "filter" / f"{file_hash}.pf_filter", [name, values])
    write(folder / "pagefind.en_0123456789.pf_meta", ["1.5.2", [["en_aaaaaaa", 10]], [], filters, sorts, []])
    (folder / "pagefind-entry.json").write_text(json.dumps(
        {"version": "1.5.2", "languages": {"en": {"hash": "en_0123456789", "wasm": "en", "page_count": 2}}}))
    canonicalize_pagefind(folder)
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_index_in_any_order_gives_the_same_bytes(tmp_path):
    a = fake_index(tmp_path / "a", [["b", [1]], ["a", [0, 1]]], [["year", "en_1111111"], ["design", "en_2222222"]],
                   [["year", [1, 0]], ["size", [0, 1]]])
    b = fake_index(tmp_path / "b", [["a", [0, 1]], ["b", [1]]], [["design", "en_3333333"], ["year", "en_4444444"]],
                   [["size", [0, 1]], ["year", [1, 0]]])
    assert tree(a) == tree(b)
    entry = json.loads((a / "pagefind-entry.json").read_text())
    meta = cbor2.loads(gzip.decompress((a / f"pagefind.{entry['languages']['en']['hash']}.pf_meta").read_bytes())[12:])
    assert [name for name, _ in meta[3]] == ["design", "year"] and [name for name, _ in meta[4]] == ["size", "year"]
    assert all((a / "filter" / f"{file_hash}.pf_filter").exists() for _, file_hash in meta[3])


def test_two_builds_of_the_seeds_give_the_same_search_index(tmp_path):
    """Issue #7: same input, same bytes, from another working directory and time zone too."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The second run names its content relative to a working directory elsewhere, in another time zone.
    runs = (("one", ROOT, "UTC"), ("two", elsewhere, "Pacific/Auckland"))
    for name, cwd, zone in runs:
        content = os.path.relpath(ROOT / "content", cwd)
        subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content),
                        "--config", str(ROOT / "site_config.yml"), "--out", str(tmp_path / name)],
                       check=True, capture_output=True, cwd=cwd, env={**os.environ, "TZ": zone})
    one, two = tree(tmp_path / "one" / "pagefind"), tree(tmp_path / "two" / "pagefind")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
