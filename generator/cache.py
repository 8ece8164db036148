"""The build cache: what reading and extracting one content file gave, kept between builds.

An entry is keyed by the file's bytes, its sidecar's bytes, the generator's own
source and the site config, so a change to any of them reads the file afresh; a
build keeps only the entries it used, so nothing stale survives. ``--no-cache``
neither reads nor writes it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from generator import __version__

GENERATOR_DIR = Path(__file__).resolve().parent
SUFFIX = ".pickle"


def generator_fingerprint() -> str:
    """A hash of the generator's version and every one of its source files."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(GENERATOR_DIR.rglob("*.py")):
        digest.update(path.relative_to(GENERATOR_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class BuildCache:
    """A folder of pickled per-file results, named by their key."""

    def __init__(self, folder: Path, config_repr: str) -> None:
        self.folder = folder
        self.salt = hashlib.sha256((generator_fingerprint() + "\0" + config_repr).encode()).digest()
        self.used: set[str] = set()

    def key(self, *parts: bytes) -> str:
        """The key of a file's result from its bytes and its sidecar's."""
        digest = hashlib.sha256(self.salt)
        for part in parts:
            digest.update(len(part).to_bytes(8, "little") + part)
        return digest.hexdigest()

    def get(self, key: str):
        """The cached result for ``key``, or None (a missing or unreadable entry is a miss)."""
        self.used.add(key)
        try:
            with open(self.folder / (key + SUFFIX), "rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            return None

    def put(self, key: str, value: object) -> None:
        """Store a result, atomically, so a killed build never leaves half an entry."""
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, self.folder / (key + SUFFIX))

    def prune(self) -> None:
        """Remove every entry this build did not use, and leftovers of killed builds."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.suffix == ".tmp" or (path.suffix == SUFFIX and path.stem not in self.used):
                path.unlink(missing_ok=True)
