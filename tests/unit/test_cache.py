"""The build cache: hits when nothing changed, misses when anything that matters did, nothing stale kept,
and an incremental build byte-identical to a cold one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.cache import BuildCache
from generator.cli import build_cache
from generator.config import SiteConfig
from generator.pipeline import collect

ROOT = Path(__file__).resolve().parents[2]


def test_key_depends_on_every_part_and_on_the_config(tmp_path):
    cache = BuildCache(tmp_path, repr(SiteConfig()))
    assert cache.key(b"a.txt", b"text", b"") == cache.key(b"a.txt", b"text", b"")
    assert len({cache.key(b"a.txt", b"text", b""), cache.key(b"a.txt", b"text", b"title: x"),
                cache.key(b"b.txt", b"text", b""), cache.key(b"a.txt", b"text2", b""),
                cache.key(b"a.txttext", b"", b"")}) == 5
    other = BuildCache(tmp_path, repr(SiteConfig(title="Other")))
    assert other.key(b"a.txt", b"text", b"") != cache.key(b"a.txt", b"text", b"")


def test_the_config_path_as_typed_does_not_change_the_key(tmp_path):
    relative = build_cache(tmp_path / "site", SiteConfig(source="site_config.yml"))
    absolute = build_cache(tmp_path / "site", SiteConfig(source="/work/review/site_config.yml"))
    assert relative.key(b"a.txt", b"text", b"") == absolute.key(b"a.txt", b"text", b"")


def test_put_get_and_prune_what_a_build_did_not_use(tmp_path):
    cache = BuildCache(tmp_path, "config")
    cache.put("k1", {"value": 1})
    cache.put("k2", {"value": 2})
    (tmp_path / "leftover.tmp").write_bytes(b"half")
    later = BuildCache(tmp_path, "config")
    assert later.get("k1") == {"value": 1}
    assert later.get("missing") is None
    later.prune()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k1.pickle"]


def test_a_corrupt_entry_is_a_miss(tmp_path):
    (tmp_path / "k.pickle").write_bytes(b"not a pickle")
    assert BuildCache(tmp_path, "config").get("k") is None


def test_cached_collection_equals_a_fresh_one(tmp_path):
    config = SiteConfig()
    cache = BuildCache(tmp_path / "cache", repr(config))
    fresh = collect(ROOT / "content", config)
    assert collect(ROOT / "content", config, cache) == fresh
    assert len(list((tmp_path / "cache").iterdir())) == 5
    assert collect(ROOT / "content", config, BuildCache(tmp_path / "cache", repr(config))) == fresh


def build(content: Path, out: Path, *flags: str) -> None:
    subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out),
                    "--config", str(ROOT / "site_config.yml"), *flags], check=True, capture_output=True)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_adding_an_abstract_to_a_cached_build_gives_the_bytes_of_a_cold_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("004_*"))
    build(content, tmp_path / "warm" / "site")
    shutil.copy(next((ROOT / "content").glob("004_*")), content)
    build(content, tmp_path / "warm" / "site")
    assert len(list((tmp_path / "warm" / ".litreview-cache").iterdir())) == 5
    build(content, tmp_path / "cold" / "site", "--no-cache")
    assert not (tmp_path / "cold" / ".litreview-cache").exists()
    assert tree(tmp_path / "warm" / "site") == tree(tmp_path / "cold" / "site")
