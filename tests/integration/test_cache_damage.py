"""A damaged cache costs time, never correctness: after each kind of damage the next build says what it
dropped, in one line, and gives the bytes of a cold build; the build after it drops nothing."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Callable

import pytest

from generator import cache as cache_module
from generator.cache import MAGIC, SHARD_DECODER
from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]


def build(content: Path, out: Path, *extra: str) -> int:
    return main(["build", "--content", str(content), "--out", str(out), "--config", str(ROOT / "site_config.yml"),
                 *extra])


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def cold(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("cold") / "site"
    assert build(ROOT / "content", out, "--no-cache") == 0
    return tree(out)


def flip_bit(path: Path, where: float | int) -> None:
    """One bit flipped, at a fraction of the file's length or at a byte."""
    data = bytearray(path.read_bytes())
    data[where if isinstance(where, int) else int(len(data) * where)] ^= 0x10
    path.write_bytes(bytes(data))


def change_word(path: Path) -> None:
    data = path.read_bytes()
    for word, other in ((b"patients", b"patientz"), (b"study", b"stuff"), (b"html", b"htm!")):
        if word in data:
            path.write_bytes(data.replace(word, other, 1))
            return
    raise AssertionError(f"no word to change in {path}")


def largest(folder: Path, pattern: str) -> Path:
    return max(folder.glob(pattern), key=lambda p: (p.stat().st_size, p.name))


def swap_files(folder: Path, pattern: str) -> None:
    """Two entries' bytes swapped: each is where the other's key would find it."""
    a, b = sorted(folder.glob(pattern), key=lambda p: (-p.stat().st_size, p.name))[:2]
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)


def swap_in_shard(folder: Path) -> None:
    """Two entries of the content cache swapped inside their shards (each keeps its digest)."""
    shards = sorted(folder.glob("*.shard"), key=lambda p: (-p.stat().st_size, p.name))
    (first, a), (second, b) = [(s, SHARD_DECODER.decode(s.read_bytes().removeprefix(MAGIC))) for s in shards[:2]]
    (key_a, value_a), (key_b, value_b) = next(iter(a.items())), next(iter(b.items()))
    a[key_a], b[key_b] = value_b, value_a
    first.write_bytes(MAGIC + cache_module.ENCODER.encode(a))
    second.write_bytes(MAGIC + cache_module.ENCODER.encode(b))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


CACHE = ".litreview-cache"
DAMAGE: dict[str, Callable[[Path], None]] = {
    "bit flip in a content shard": lambda c: flip_bit(largest(c, "*.shard"), 0.6),
    "bit flip in a content shard's framing": lambda c: flip_bit(largest(c, "*.shard"), len(MAGIC) + 1),
    "bit flip in an aside shard": lambda c: flip_bit(largest(c / "aside", "*.shard"), 0.5),
    "bit flip in a page entry": lambda c: flip_bit(largest(c / "pages", "*.entry"), 0.7),
    "bit flip in a page entry's digest": lambda c: flip_bit(largest(c / "pages", "*.entry"), len(MAGIC) + 3),
    "bit flip in a page entry's header": lambda c: flip_bit(largest(c / "pages", "*.entry"), 2),
    "changed word in a page entry": lambda c: change_word(largest(c / "pages", "*.entry")),
    "changed word in an aside shard": lambda c: change_word(largest(c / "aside", "*.shard")),
    "changed word in a content shard": lambda c: change_word(largest(c, "*.shard")),
    "swapped page entries": lambda c: swap_files(c / "pages", "*.entry"),
    "swapped content shards": lambda c: swap_files(c, "*.shard"),
    "swapped entries in content shards": swap_in_shard,
    "truncated content shard": lambda c: truncate(largest(c, "*.shard")),
    "truncated aside shard": lambda c: truncate(largest(c / "aside", "*.shard")),
    "truncated page entry": lambda c: truncate(largest(c / "pages", "*.entry")),
    "a foreign file as a shard": lambda c: largest(c, "*.shard").write_bytes(b"\x80\x05not ours"),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_cache_is_dropped_where_damaged_and_the_site_is_that_of_a_cold_build(tmp_path, cold, damage,
                                                                                       capsys):
    out = tmp_path / "site"
    assert build(ROOT / "content", out) == 0
    DAMAGE[damage](tmp_path / CACHE)
    capsys.readouterr()
    # Into a new folder beside the first (the same cache, no previous site to link from: every entry is
    # read), then into the first again.
    assert build(ROOT / "content", tmp_path / "other") == 0
    dropped = [line for line in capsys.readouterr().err.splitlines() if "dropped" in line]
    assert len(dropped) == 1 and "made them again" in dropped[0], dropped
    assert tree(tmp_path / "other") == cold
    assert build(ROOT / "content", out) == 0
    assert tree(out) == cold
    assert build(ROOT / "content", tmp_path / "other") == 0
    assert "dropped" not in capsys.readouterr().err  # the damage was mended
    assert tree(tmp_path / "other") == cold


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.ENOSPC])
def test_a_cache_that_cannot_be_written_is_built_without(tmp_path, cold, code, capsys, monkeypatch):
    """A read-only or full cache folder (made so for root too: permissions do not stop root)."""
    out = tmp_path / "site"
    assert build(ROOT / "content", out) == 0
    (tmp_path / "content").mkdir()
    for path in sorted(p for p in (ROOT / "content").iterdir() if p.is_file())[1:]:
        shutil.copy(path, tmp_path / "content")  # one abstract fewer: the cache has entries to write

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(tmp_path / CACHE))

    monkeypatch.setattr(cache_module.tempfile, "mkstemp", refuse)
    capsys.readouterr()
    assert build(tmp_path / "content", tmp_path / "fewer") == 0
    err = capsys.readouterr().err
    assert f"warning: {tmp_path / CACHE}: cannot write the cache ({os.strerror(code)}); " \
           f"building without it" in err
    monkeypatch.undo()
    assert build(ROOT / "content", tmp_path / "other") == 0
    assert tree(tmp_path / "other") == cold
