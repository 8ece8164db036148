"""The build cache: what reading and extracting one content file gave, kept between builds.

An entry is keyed by the file's bytes, its sidecar's bytes, the generator's own
source and the site config, so a change to any of them reads the file afresh; a
build keeps only the entries it used, so nothing stale survives. ``--no-cache``
neither reads nor writes it. An entry holds the file's studies, pickled as they are
kept (``model.Studies``), with what is made of each alone (``parts.StudyParts``); one
more, the stamps of the content files (``pipeline.content_keys``). A build reads every one
of these, so they are kept 256 to a file (``ShardedCache``). Each study's search index
entry and part of the downloads are kept aside, by study, in the same way (``aside/``):
only the process that makes the index and the downloads loads them. The same kind of
cache, keyed by the templates too, keeps what is rendered (``pages/``): each study's
page, each comparison page but the outcome pages and the year page, the rows of each of
those pages and of the home page (an entry a page), from which they are put together, the
compiled templates (``templates/``), what MkDocs laid out (``site.run_mkdocs``) and the
record of the study pages the site holds (``pipeline.publish``).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path

from generator import __version__

GENERATOR_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = GENERATOR_DIR.parent / "templates"
SUFFIX = ".pickle"
SHARD_SUFFIX = ".shard"
SHARD_DIGITS = 2


def generator_fingerprint(with_templates: bool = False) -> str:
    """A hash of the generator's version and every one of its source files (and templates, if asked)."""
    digest = hashlib.sha256(__version__.encode())
    sources = [(GENERATOR_DIR, p) for p in sorted(GENERATOR_DIR.rglob("*.py"))]
    if with_templates:
        sources += [(TEMPLATES_DIR, p) for p in sorted(TEMPLATES_DIR.rglob("*")) if p.is_file()]
    for root, path in sources:
        digest.update(f"{root.name}/{path.relative_to(root).as_posix()}".encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def value_bytes(value: object) -> bytes:
    """``value`` pickled without its memo: equal values give equal bytes, whichever objects they share
    (a plain pickle writes a string once per object, so equal data read fresh or from the cache differs)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


class BuildCache:
    """A folder of pickled results, named by their key."""

    def __init__(self, folder: Path, config_repr: str, with_templates: bool = False) -> None:
        self.folder = folder
        self.salt = hashlib.sha256((generator_fingerprint(with_templates) + "\0" + config_repr).encode()).digest()
        self.used: set[str] = set()
        self._entries: set[str] | None = None  # the folder's file names, listed once for ``has``

    def key(self, *parts: bytes) -> str:
        """The key of a result from the bytes it depends on (a file's and its sidecar's, say)."""
        digest = hashlib.sha256(self.salt)
        for part in parts:
            digest.update(len(part).to_bytes(8, "little") + part)
        return digest.hexdigest()

    def _path(self, key: str) -> str:
        # A string, not a Path: a cached build looks up 20,000 entries at 10,000 studies.
        return os.path.join(self.folder, key + SUFFIX)

    def get(self, key: str):
        """The cached result for ``key``, or None (a missing or unreadable entry is a miss)."""
        self.used.add(key)
        return self._load(self._path(key))

    def has(self, key: str) -> bool:
        """Whether there is an entry for ``key`` (``get`` may still find it unreadable)."""
        self.used.add(key)
        if self._entries is None:
            try:
                self._entries = set(os.listdir(self.folder))
            except OSError:
                self._entries = set()
        return key + SUFFIX in self._entries

    def put(self, key: str, value: object) -> None:
        """Store a result, atomically, so a killed build never leaves half an entry."""
        self.used.add(key)
        self._store(self._path(key), value)
        if self._entries is not None:
            self._entries.add(key + SUFFIX)

    def prune(self) -> None:
        """Remove every entry this build did not use, and leftovers of killed builds."""
        for name in self._names():
            stem, suffix = os.path.splitext(name)
            if suffix == ".tmp" or (suffix == SUFFIX and stem not in self.used):
                self._remove(name)

    def _names(self) -> list[str]:
        try:
            return os.listdir(self.folder)
        except OSError:
            return []

    def _remove(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.path.join(self.folder, name))

    def _load(self, path: str):
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            return None

    def _store(self, path: str, value: object) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)


class ShardedCache(BuildCache):
    """A ``BuildCache`` whose entries are kept together in 256 files (shards), by the first two digits
    of their keys, for a build that reads every entry: one per content file.

    Opening and unpickling 10,000 small files cost a cached build 0.4 s, 256 shards 0.3 s.
    What is put is written by ``prune``, at the end of the build's use of the cache, and only
    the shards that changed: each shard atomically, so a killed build never leaves half of one.
    """

    def __init__(self, folder: Path, config_repr: str) -> None:
        super().__init__(folder, config_repr)
        self._shards: dict[str, dict] = {}
        self._changed: set[str] = set()

    def _shard(self, key: str) -> dict:
        name = key[:SHARD_DIGITS]
        if name not in self._shards:
            path = os.path.join(self.folder, name + SHARD_SUFFIX)
            found = self._load(path)
            self._shards[name] = found if isinstance(found, dict) else {}
            if found is None and os.path.exists(path):
                self._changed.add(name)  # unreadable: written again, or removed, by ``prune``
        return self._shards[name]

    def load(self) -> None:
        """Load every shard now, not as its keys are first looked up."""
        for name in self._names():
            stem, suffix = os.path.splitext(name)
            if suffix == SHARD_SUFFIX:
                self._shard(stem)

    def get(self, key: str):
        self.used.add(key)
        return self._shard(key).get(key)

    def has(self, key: str) -> bool:
        self.used.add(key)
        return key in self._shard(key)

    def put(self, key: str, value: object) -> None:
        self.used.add(key)
        self._shard(key)[key] = value
        self._changed.add(key[:SHARD_DIGITS])

    def prune(self) -> None:
        """Drop every entry this build did not use, write the shards that changed, and remove any other file."""
        for name in self._names():
            stem, suffix = os.path.splitext(name)
            if suffix == SHARD_SUFFIX and stem not in self._shards:
                self._remove(name)  # none of its keys was used
            elif suffix != SHARD_SUFFIX and os.path.isfile(os.path.join(self.folder, name)):
                self._remove(name)  # leftovers of killed builds, or entries kept one to a file
        for name, entries in self._shards.items():
            unused = entries.keys() - self.used
            for key in unused:
                del entries[key]
            if name in self._changed or unused:
                if entries:
                    self._store(os.path.join(self.folder, name + SHARD_SUFFIX), entries)
                else:
                    self._remove(name + SHARD_SUFFIX)
        self._changed.clear()
