"""Pagefind's index made byte-deterministic: the built ``pagefind/`` folder in, the same folder canonical out.

Pagefind (1.5) writes each filter's values, and the meta file's lists of filters
and of sort orders, in hash-map order, which changes from run to run (upstream issue #638), and it
names those files by a hash of their bytes. This rewrites them in sorted order,
renames them by a hash of the new bytes, and updates the references to them
(filter files <- meta file <- ``pagefind-entry.json``), so the same site always
gives the same index. Index chunks and fragments are already stable.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

from generator.diagnostics import BuildError

SIGNATURE = b"pagefind_dcd"
ENTRY_FILE = "pagefind-entry.json"


def _load(path: Path) -> list:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BuildError(f"search index: unexpected Pagefind file {path.name}")
    return cbor2.loads(data[len(SIGNATURE):])


def _store(folder: Path, prefix: str, digits: int, suffix: str, value: list) -> str:
    """Write ``value`` as a Pagefind file named by its hash; returns the hash part of the name."""
    data = SIGNATURE + cbor2.dumps(value)
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name


def canonicalize_pagefind(index_dir: Path) -> None:
    """Rewrite the filter and meta files of a Pagefind index in a fixed order."""
    entry_path = index_dir / ENTRY_FILE
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = index_dir / f"pagefind.{info['hash']}.pf_meta"
        meta = _load(meta_path)
        prefix = info["hash"].rsplit("_", 1)[0]
        filters = []
        for name, file_hash in meta[3]:
            filter_path = index_dir / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = _load(filter_path)
            filter_path.unlink()
            values.sort(key=lambda item: item[0])
            filters.append([name, _store(index_dir / "filter", prefix, 7, ".pf_filter", [filter_name, values])])
        meta[3] = sorted(filters)
        meta[4].sort(key=lambda item: item[0])  # sort orders, one per data-pagefind-sort key
        meta_path.unlink()
        info["hash"] = _store(index_dir, f"pagefind.{prefix}", 10, ".pf_meta", meta).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
