"""The build cache: what reading and extracting one content file gave, kept between builds.

An entry is keyed by the file's bytes, its sidecar's bytes, the generator's own
source and the site config, so a change to any of them reads the file afresh; a
build keeps only the entries it used, so nothing stale survives. ``--no-cache``
neither reads nor writes it. An entry holds the file's studies as they are kept
(``model.Studies``), with what is made of each alone (``parts.StudyParts``); one
more, the stamps of the content files (``pipeline.content_keys``). A build reads every one
of these, so they are kept 256 to a file (``ShardedCache``). Each study's search index
entry and part of the downloads are kept aside, by study, in the same way (``aside/``):
only the process that makes the index and the downloads loads them. The same kind of
cache, keyed by the templates too, keeps what is rendered (``pages/``): each study's
page, each comparison page but the outcome pages and the year page, the rows of each of
those pages and of the home page (an entry a page), from which they are put together,
what MkDocs laid out (``site.run_mkdocs``) and the record of the study pages the site
holds (``pipeline.publish``).

The cache can cost a build time, never correctness. Entries are plain data (MessagePack,
through msgspec, decoded as the type the caller names), so a cache restored from elsewhere
runs no code. Each is stored with a SHA-256 digest of its key and its bytes, checked when it
is loaded: an entry damaged, moved to another key, of another format or unreadable is
dropped and made again, and ``prune`` says in one line how many were and why. A cache that
cannot be written (a read-only or full folder) is read as far as it can be and no longer
written, with a warning; the build goes on without it.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import msgspec

from generator import __version__

GENERATOR_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = GENERATOR_DIR.parent / "templates"
# What starts every file of the cache: files of another format, or of another program, are dropped.
MAGIC = b"litreview cache 2\n"
SUFFIX = ".entry"
SHARD_SUFFIX = ".shard"
SHARD_DIGITS = 2
DIGEST_SIZE = hashlib.sha256().digest_size
ENCODER = msgspec.msgpack.Encoder()
SHARD_DECODER = msgspec.msgpack.Decoder(dict[str, bytes])
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


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
    """``value`` as plain data (MessagePack): equal values give equal bytes, whichever objects they share."""
    return ENCODER.encode(value)


@functools.cache
def _decoder(kind: object) -> msgspec.msgpack.Decoder:
    return msgspec.msgpack.Decoder(kind)


def _digest(key: str, payload: bytes) -> bytes:
    digest = hashlib.sha256(key.encode())
    digest.update(payload)
    return digest.digest()


def _unsealed(key: str, sealed: bytes) -> memoryview | None:
    """The bytes ``sealed`` holds (``seal``), if its digest is that of ``key`` and them."""
    payload = memoryview(sealed)[DIGEST_SIZE:]
    return payload if sealed[:DIGEST_SIZE] == _digest(key, payload) else None


def seal(key: str, value: object) -> bytes:
    """``value`` as the cache stores it under ``key``: the digest of the key and its bytes, then its bytes."""
    payload = ENCODER.encode(value)
    return _digest(key, payload) + payload


class BuildCache:
    """A folder of results, one file each, named by their key."""

    def __init__(self, folder: Path, config_repr: str, with_templates: bool = False) -> None:
        self.folder = folder
        self.salt = hashlib.sha256((generator_fingerprint(with_templates) + "\0" + config_repr).encode()).digest()
        self.used: set[str] = set()
        self.dropped: Counter[str] = Counter()  # why entries were dropped, and how many for each reason
        self.writable = True
        self.unwritable = ""  # why the cache could not be written, said by ``report``
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

    def get(self, key: str, kind: object):
        """The result cached for ``key``, decoded as ``kind`` (a type), or None when there is none or it is dropped."""
        self.used.add(key)
        return self._open(key, self._read(self._path(key), "entry"), kind)

    def has(self, key: str) -> bool:
        """Whether there is an entry for ``key`` (``get`` may still drop it)."""
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
        self._store(self._path(key), seal(key, value))
        if self._entries is not None:
            self._entries.add(key + SUFFIX)

    def usage(self) -> tuple[set[str], Counter[str], str]:
        """What this copy of the cache used and dropped, and why it could not be written, for ``absorb`` in the
        process that prunes it."""
        return self.used, self.dropped, self.unwritable

    def absorb(self, usage: tuple[set[str], Counter[str], str]) -> None:
        """Count as this cache's what a forked copy of it used and dropped (``usage``)."""
        self.used |= usage[0]
        self.dropped += usage[1]
        self.unwritable = self.unwritable or usage[2]

    def prune(self) -> None:
        """Remove every entry this build did not use, and leftovers of killed builds; say what was dropped."""
        if self.writable:
            for name in self._names():
                stem, suffix = os.path.splitext(name)
                if suffix != SUFFIX or stem not in self.used:
                    self._remove(name)
        self.report()

    def report(self) -> None:
        """A line on stderr if the cache could not be written, and one if entries were dropped: how many, and
        why. (Said at the end of the build's use of the cache: a build that fails, on a full disk say, says
        only why it failed.)"""
        if self.unwritable:
            print(self.unwritable, file=sys.stderr)
            self.unwritable = ""
        if self.dropped:
            why = ", ".join(f"{count} {reason}" for reason, count in sorted(self.dropped.items()))
            print(f"warning: {self.folder}: dropped {sum(self.dropped.values())} of the cache's entries ({why}); "
                  f"made them again", file=sys.stderr)
            self.dropped.clear()

    def _names(self) -> list[str]:
        try:
            with os.scandir(self.folder) as entries:  # the kind of each file as listed: 10,000 fewer calls
                return [entry.name for entry in entries if entry.is_file()]
        except OSError:
            return []

    def _remove(self, name: str) -> None:
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(self.folder, name))

    def _read(self, path: str, what: str) -> bytes | None:
        """The bytes of a file of the cache (an entry or a shard: ``what``) after its ``MAGIC``, or None
        (counted as dropped unless there is none)."""
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            return None
        except OSError:
            self.dropped[f"unreadable {what}"] += 1
            return None
        if not data.startswith(MAGIC):
            self.dropped[f"{what} of another format"] += 1
            return None
        return data[len(MAGIC):]

    def _open(self, key: str, sealed: bytes | None, kind: object):
        """The value ``sealed`` holds (``seal``), if its digest is that of ``key`` and its bytes and it is a ``kind``."""
        if sealed is None:
            return None
        payload = _unsealed(key, sealed)
        if payload is None:
            self.dropped["damaged (digest does not match)"] += 1
            return None
        try:
            return _decoder(kind).decode(payload)
        except (msgspec.DecodeError, msgspec.ValidationError):
            self.dropped["entry of another format"] += 1
            return None

    def _store(self, path: str, data: bytes) -> None:
        if not self.writable:
            return
        temp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC)
                out.write(data)
            os.replace(temp, path)
        except OSError as exc:
            if temp:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            self.writable = False
            self.unwritable = (f"warning: {exc.filename or self.folder}: cannot write the cache ({exc.strerror}); "
                               f"building without it")


class ShardedCache(BuildCache):
    """A ``BuildCache`` whose entries are kept together in 256 files (shards), by the first two digits
    of their keys, for a build that reads every entry: one per content file.

    Opening and decoding 10,000 small files cost a cached build 0.4 s, 256 shards 0.3 s.
    What is put is written by ``prune``, at the end of the build's use of the cache, and only
    the shards that changed: each shard atomically, so a killed build never leaves half of one.
    A shard holds each entry as ``seal`` made it: each is checked as it is got.
    """

    def __init__(self, folder: Path, config_repr: str) -> None:
        super().__init__(folder, config_repr)
        self._shards: dict[str, dict[str, bytes]] = {}
        self._changed: set[str] = set()
        self._decoded: tuple[object, dict[str, object]] = (None, {})  # what ``load`` decoded, for ``get``

    def _shard(self, key: str) -> dict[str, bytes]:
        name = key[:SHARD_DIGITS]
        if name not in self._shards:
            path = os.path.join(self.folder, name + SHARD_SUFFIX)
            data = self._read(path, "shard")
            found = None
            if data is not None:
                try:
                    found = SHARD_DECODER.decode(data)
                except (msgspec.DecodeError, msgspec.ValidationError):
                    self.dropped["shard cut short or damaged"] += 1
            strays = [key for key in found or () if not key.startswith(name)]
            for key in strays:  # moved here from the shard of its own
                del found[key]
                self.dropped["in the wrong shard"] += 1
            self._shards[name] = found or {}
            if (found is None and os.path.exists(path)) or strays:
                self._changed.add(name)  # written again, or removed, by ``prune``
        return self._shards[name]

    def load(self, kind: object = None) -> None:
        """Load every shard now, not as its keys are first looked up; with ``kind``, check and decode every
        entry as one now too, for ``get`` to return: a build that uses every entry does so while it waits
        to know their keys. (One that is not a sound ``kind`` is left to ``get``, which says why.)"""
        decoded: dict[str, object] = {}
        for name in self._names():
            stem, suffix = os.path.splitext(name)
            if suffix == SHARD_SUFFIX:
                shard = self._shard(stem)
                for key, sealed in shard.items() if kind is not None else ():
                    if (payload := _unsealed(key, sealed)) is not None:
                        with contextlib.suppress(msgspec.DecodeError, msgspec.ValidationError):
                            decoded[key] = _decoder(kind).decode(payload)
        self._decoded = (kind, decoded)

    def get(self, key: str, kind: object):
        self.used.add(key)
        loaded_kind, decoded = self._decoded
        if kind == loaded_kind and key in decoded:
            return decoded.pop(key)
        shard = self._shard(key)
        value = self._open(key, shard.get(key), kind)
        if value is None and key in shard:  # dropped: the shard is written again without it
            del shard[key]
            self._changed.add(key[:SHARD_DIGITS])
        return value

    def has(self, key: str) -> bool:
        self.used.add(key)
        return key in self._shard(key)

    def put(self, key: str, value: object) -> None:
        self.used.add(key)
        self._decoded[1].pop(key, None)
        self._shard(key)[key] = seal(key, value)
        self._changed.add(key[:SHARD_DIGITS])

    def prune(self) -> None:
        """Drop every entry this build did not use, write the shards that changed, and remove any other file."""
        if self.writable:
            for name in self._names():
                stem, suffix = os.path.splitext(name)
                if suffix != SHARD_SUFFIX or stem not in self._shards:
                    self._remove(name)  # leftovers of killed builds, or a shard none of whose keys was used
        for name, entries in self._shards.items():
            unused = entries.keys() - self.used
            for key in unused:
                del entries[key]
            if name in self._changed or unused:
                if entries:
                    self._store(os.path.join(self.folder, name + SHARD_SUFFIX), ENCODER.encode(entries))
                elif self.writable:
                    self._remove(name + SHARD_SUFFIX)
        self._changed.clear()
        self.report()
