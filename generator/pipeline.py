"""The build, in one screen: read -> clean -> parse -> extract -> compare -> render -> site.

Each stage is a plain function from immutable values to immutable values. Bad
input becomes a ``Diagnostic`` and its file is skipped; only a problem with the
site as a whole raises ``BuildError``.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Mapping

from generator.cache import BuildCache, ShardedCache
from generator.compare import ComparisonRow, build_comparisons
from generator.config import SiteConfig
from generator.diagnostics import Diagnostic, InputError, error, unforeseen, warning
from generator.export import StudyDownloads, study_downloads
from generator.history import dates_of_addition
from generator.identity import duplicate_keys, study_id
from generator.model import Record, Studies, Study, dump_study
from generator.parsing import build_sections, citation_title, make_title, reads_as_abstract
from generator.parts import StudyParts, study_parts
from generator.progress import Progress
from generator.prose import ProsePage, is_prose, read_prose
from generator.readers import MAX_BYTES, READERS, read_path
from generator.render import build_environment, render_site
from generator.render.downloads import download_files
from generator.render.study import PARALLEL_MIN_PAGES, StudyPageCache
from generator.search_index import IndexEntry, build_search_index, index_entry, synonym_groups
from generator.site import SiteFolder, record_key, stamps, write_into, write_site
from generator.workers import forked, parallel_map

SIDECAR_SUFFIXES = (".yml", ".yaml")
# How long ago a content file must have changed for its stamps to stand for its bytes (``content_keys``).
SETTLED_NS = 2_000_000_000
# Below this many files to read, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 200
# The stamps of the content files, as the cache keeps them: each input's and its sidecar's, and its key, by path.
STAMPS = dict[str, tuple[tuple[tuple[int, int, int, int], ...], str]]


@dataclass(frozen=True)
class Collection:
    """Every study read from a content folder, and what went wrong on the way.

    The ``studies`` stay encoded until one is needed whole; ``parts``, what is made of each
    study alone besides its page, made as it is read, are what the stages that span the
    review work from. ``keys``, when read through the cache, names each study's content
    (its file's cache key and its place in the file), so what is made from a study alone
    can be cached too. ``dates`` are the dates of addition of the files not dated by a sidecar.
    """

    studies: Studies
    parts: tuple[StudyParts, ...]
    diagnostics: tuple[Diagnostic, ...]
    files_read: int
    files_skipped: int
    unknown_type: int = 0
    keys: tuple[str, ...] = field(default=(), compare=False)
    dates: Mapping[str, str] = field(default_factory=dict)
    prose: tuple[ProsePage, ...] = ()  # the review's own pages (``prose.read_prose``)


def content_files(content: Path) -> tuple[list[str], list[Diagnostic]]:
    """The files under ``content`` that are inputs or sidecars, as paths relative to it, in a fixed
    order; hidden ones left out. (Strings, not ``Path``s: 10,000 of those cost 0.3 s to handle.)
    With them, an error for each folder or link that cannot be read (permissions, a loop of links), and
    for each name that is not UTF-8.

    Links to files are listed (``load_sidecar`` refuses those that lead outside the folder);
    links to folders are not followed.
    """
    found: list[str] = []
    problems: list[Diagnostic] = []

    folders = [(str(content), "")]  # to walk, however deep: no recursion
    while folders:
        folder, prefix = folders.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as exc:
            problems.append(error(prefix.rstrip("/"), f"folder cannot be read: {exc.strerror}"))
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            if not entry.name.isascii() and not _utf8(entry.name):
                shown = os.fsencode(prefix + entry.name).decode("utf-8", "replace")
                problems.append(error(shown, "its name is not UTF-8 text, which a site cannot show; rename it"))
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file():
                    found.append(prefix + entry.name)
            except OSError as exc:  # a link in a loop of links
                problems.append(error(prefix + entry.name, f"cannot be read: {exc.strerror}"))
    return sorted(found), sorted(problems, key=lambda d: d.path)


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8, as ``os.fsdecode`` keeps them
        return False
    return True


def suffix(rel: str) -> str:
    """A file's suffix, lower case: ``a/B.NBIB`` -> ``.nbib``."""
    return os.path.splitext(rel)[1].lower()


def read_study_records(content: Path, path: Path) -> tuple[list[Record], list[Diagnostic]]:
    """Read stage for one file: its records, and the errors of those that could not be read."""
    return read_path(path.relative_to(content).as_posix(), path)


def build_study(record: Record, sid: str, config: SiteConfig, overrides: dict) -> Study:
    """Parse and extract stages for one record, then its corrections."""
    # Imported when a file is read: a build that finds every file in its cache needs none of it.
    from generator.extract.study import extract_study
    from generator.overrides import apply_overrides
    sections = build_sections(record.blocks)
    extraction = extract_study(record, sections, config)
    title = record.title or (make_title(sections, extraction) if sections else citation_title(record))
    study = Study(
        id=sid, source=record.source, title=title, title_generated=record.title is None,
        authors=record.authors, journal=record.journal, year=record.year, doi=record.doi,
        pmid=record.pmid, pmcid=record.pmcid, publication_types=record.publication_types,
        mesh_terms=record.mesh_terms, sections=sections, extraction=extraction,
    )
    return apply_overrides(study, overrides)


@dataclass(frozen=True)
class Candidate:
    """A study read from a file, before duplicates across files are settled: encoded where it
    was read (and so in the cache), with what identifies it and its parts."""

    id: str
    source: str
    added: str | None
    encoded: bytes
    parts: StudyParts
    keys: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class FileResult:
    """What one content file gave: its studies, its diagnostics, and the sidecar it used."""

    candidates: tuple[Candidate, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    sidecar: str | None = None
    read: bool = True


def read_file(content: Path, config: SiteConfig, path: Path) -> FileResult:
    """Read, parse and extract one content file: the unit of work that is cached and run in parallel."""
    from generator.overrides import load_sidecar
    rel = path.relative_to(content).as_posix()
    if path.suffix.lower() not in READERS:
        return FileResult(diagnostics=(warning(rel, f"unknown file type '{path.suffix}', skipped; "
                                                    f"expected one of: {', '.join(sorted(READERS))}"),), read=False)
    try:
        records, unread = read_study_records(content, path)
        overrides, diagnostics, sidecar = load_sidecar(content, path, records)
    except InputError as exc:
        return FileResult(diagnostics=exc.diagnostics, read=False)
    except Exception as exc:  # noqa: BLE001 - a reader's bug is this file's error, never a traceback
        return FileResult(diagnostics=(unforeseen(rel, None, "reading", exc),), read=False)
    diagnostics = [*unread, *diagnostics]
    candidates = []
    for index, record in enumerate(records):
        try:
            study = build_study(record, study_id(record, index, len(records)), config, overrides.get(index, {}))
            parts = study_parts(study, config)
        except InputError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        except Exception as exc:  # noqa: BLE001 - as above, for this record alone
            diagnostics.append(unforeseen(rel, record.line, "reading the abstract", exc))
            continue
        candidates.append(Candidate(study.id, study.source, study.added, dump_study(study), parts,
                                    tuple(duplicate_keys(record)), record.line))
        if note := not_an_abstract(study, rel):
            diagnostics.append(warning(rel, note, record.line))
    # A file whose every record failed its corrections is skipped, not read: the summary counts it with the errors.
    used = sidecar.relative_to(content).as_posix() if sidecar else None
    return FileResult(tuple(candidates), tuple(diagnostics), used, read=bool(candidates))


NOT_AN_ABSTRACT = "does not read as an abstract (no sentence says what was studied and what was found); kept as it is"
NO_ABSTRACT_TEXT = "has no abstract text, only a title; kept as it is"


def not_an_abstract(study: Study, rel: str) -> str | None:
    """Why a study's text is not an abstract (lorem ipsum, a table of contents, a page with only its title), or None."""
    if study.sections:
        return None if reads_as_abstract(study.sections) else NOT_AN_ABSTRACT
    return NO_ABSTRACT_TEXT if suffix(rel) == ".txt" else None


def _read(content: Path, rel: str) -> bytes:
    """What a file's result depends on, to key it: its bytes; a digest of them for a file larger than
    ``MAX_BYTES`` (never read whole here), or why it cannot be read."""
    try:
        with open(os.path.join(content, rel), "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
            if len(data) <= MAX_BYTES:
                return data
            handle.seek(0)
            return b"digest " + hashlib.file_digest(handle, "sha256").digest()
    except OSError as exc:
        return b"unreadable " + os.fsencode(exc.strerror or "")


def _stamp(content: Path, rel: str) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(os.path.join(content, rel))
    except OSError:
        return None  # keyed by why it cannot be read (``_read``), and looked at again by the next build
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def content_keys(content: Path, inputs: list[str], sidecars: set[str], cache: BuildCache,
                 known: Mapping[str, tuple]) -> tuple[list[str], dict | None, list[int]]:
    """Each input file's cache key: a hash of its path, its bytes and its sidecar's, if ``sidecars`` holds one;
    the stamps to remember for the next build, or None when they are those ``known`` from the last; and
    the places of the files whose bytes were read to key them (new, or changed since).

    As git's index does, a file is not read again while its stamps (inode, size, times of
    modification and change; its sidecar's too) are those the last build saw: it keeps the
    key it had. Stamps are remembered only for files that had ``SETTLED_NS`` to settle, so
    a change within the resolution of a file system's clock is not missed.
    """
    settled = time.time_ns() - SETTLED_NS
    seen = {}
    keys, changed = [], []
    for rel in inputs:
        stem = os.path.splitext(rel)[0]
        files = [rel] + [stem + s for s in SIDECAR_SUFFIXES if stem + s in sidecars]
        now = tuple(_stamp(content, f) for f in files)
        if rel in known and known[rel][0] == now:
            key = known[rel][1]
        else:
            key = cache.key(rel.encode(), _read(content, rel), b"".join(_read(content, f) for f in files[1:]))
            changed.append(len(keys))
        keys.append(key)
        if all(stamp is not None and stamp[3] < settled for stamp in now):
            seen[rel] = (now, key)
    return keys, None if seen == known else seen, changed


def read_files(content: Path, config: SiteConfig, inputs: list[str], sidecars: set[str],
               cache: ShardedCache | None, progress: Progress) -> list[tuple[str | None, FileResult]]:
    """Every input file's cache key (None without a cache, see ``content_keys``) and result, in order:
    from the cache where it holds them, the rest read on every core.

    A review large enough to gain keys its files (20,000 system calls at 10,000 studies) in a
    forked copy of this process while this one loads the whole cache, which a build uses all of.
    That copy also reads the few files the cache does not hold (an added abstract, say): a build
    with nothing else to read then never imports the extraction rules here (0.07 s).
    """
    keys: list[str | None] = [None] * len(inputs)
    ahead: dict[int, FileResult] = {}
    if cache:
        memo = cache.key(b"content stamps", os.fsencode(content.resolve()))

        def key_files() -> tuple[list[str], dict | None, dict[int, FileResult]]:
            found, stamps, changed = content_keys(content, inputs, sidecars, cache, cache.get(memo, STAMPS) or {})
            missing = [i for i in changed if not cache.has(found[i])]  # loads those keys' shards alone
            few = len(missing) < PARALLEL_MIN_FILES
            return found, stamps, {i: read_file(content, config, content / inputs[i]) for i in missing} if few else {}

        with forked(key_files, len(inputs) >= PARALLEL_MIN_FILES) as keyed:
            cache.load(FileResult)
            found, stamps, ahead = keyed()
        keys[:] = found
        if stamps is None:
            cache.has(memo)  # looked up, so kept
        else:
            cache.put(memo, stamps)
    results: list[FileResult | None] = [cache.get(k, FileResult) if cache else None for k in keys]
    todo = [i for i, result in enumerate(results) if result is None]
    rest = [i for i in todo if i not in ahead]
    progress.stage("reading", len(inputs))
    progress.advance(len(inputs) - len(rest))
    for i in todo:
        results[i] = ahead.get(i)
    for i, result in zip(rest, parallel_map(partial(read_file, content, config), [content / inputs[i] for i in rest],
                                            PARALLEL_MIN_FILES)):
        results[i] = result
        progress.advance()
    if cache:
        for i in todo:
            cache.put(keys[i], set_aside(results[i]))
        cache.prune()
    return list(zip(keys, results))


def set_aside(result: FileResult) -> FileResult:
    """``result`` as the content cache keeps it: its studies' index entries and parts of the downloads
    left out, to be kept aside (``index_and_downloads``), so that the process that loads every entry
    never loads them (76 MB of the 115 MB at 10,000 studies)."""
    return replace(result, candidates=tuple(replace(c, parts=replace(c.parts, index=None, downloads=None))
                                            for c in result.candidates))


def index_and_downloads(collection: Collection, aside: ShardedCache | None = None,
                        ) -> list[tuple[IndexEntry, StudyDownloads]]:
    """Each study's index entry and part of the downloads: as kept ``aside`` (by the studies' keys), else
    as read, else made again from the study (an entry lost, or no ``aside``).

    ``aside`` is then brought up to date: it keeps this build's entries, and only those.
    """
    if aside:
        aside.load()
    found = []
    for i, (part, key) in enumerate(zip(collection.parts, collection.keys or [None] * len(collection.parts))):
        kept = aside.get(key, tuple[IndexEntry, StudyDownloads]) if aside and key else None
        if kept is not None:
            index, downloads = kept
        elif part.index is not None and part.downloads is not None:
            index, downloads = part.index, part.downloads
        else:
            study = collection.studies[i]
            index, downloads = index_entry(study), study_downloads(study)
        if aside and key and kept is None:
            aside.put(key, (index, downloads))
        found.append((index, downloads))
    if aside:
        aside.prune()
    return found


def collect(content: Path, config: SiteConfig, cache: ShardedCache | None = None,
            progress: Progress | None = None, recorded: Mapping[str, str] | None = None) -> Collection:
    """Read every content file into studies; a bad file is reported and skipped. Each is dated by when it was
    added (``history.dates_of_addition``; ``recorded``: the dates the last build recorded)."""
    files, unreadable = content_files(content)
    prose, prose_diagnostics = read_prose(content, files)
    files = [rel for rel in files if not is_prose(rel)]
    inputs = [rel for rel in files if suffix(rel) not in SIDECAR_SUFFIXES or suffix(rel) in READERS]
    sidecars = {rel for rel in files if suffix(rel) in SIDECAR_SUFFIXES}
    keyed = read_files(content, config, inputs, sidecars, cache, progress or Progress(enabled=False))
    results = [result for _, result in keyed]
    diagnostics: list[Diagnostic] = [*unreadable, *prose_diagnostics]
    kept: list[tuple[Candidate, str]] = []
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    for file_key, result in keyed:
        diagnostics.extend(result.diagnostics)
        sidecars.discard(result.sidecar)
        for index, candidate in enumerate(result.candidates):
            first = next((seen[k] for k in candidate.keys if k in seen), None)
            if first is not None:
                diagnostics.append(warning(candidate.source, f"duplicate of {first}; kept that one", candidate.line))
                continue
            if candidate.id in ids:
                diagnostics.append(warning(candidate.source, f"id '{candidate.id}' is already used by "
                                                             f"{ids[candidate.id]}; kept that one", candidate.line))
                continue
            where = candidate.source if candidate.line == 1 else f"{candidate.source}:{candidate.line}"
            for key in candidate.keys:
                seen.setdefault(key, where)
            ids[candidate.id] = where
            kept.append((candidate, f"{file_key}:{index}"))
    for sidecar in sorted(sidecars):
        diagnostics.append(warning(sidecar, "override file has no content file beside it "
                                            "(expected one with the same name)"))
    kept.sort(key=lambda item: item[0].id)
    dates = dates_of_addition(content, sorted({c.source for c, _ in kept if not c.added}), recorded or {})
    studies = Studies(tuple(c.encoded for c, _ in kept), tuple(c.id for c, _ in kept),
                      tuple(c.added or dates.get(c.source) for c, _ in kept))
    read = sum(r.read for r in results)
    unknown = sum(not r.read and all(d.severity == "warning" for d in r.diagnostics) for r in results)
    return Collection(studies, tuple(c.parts for c, _ in kept), tuple(diagnostics), read, len(results) - read,
                      unknown, tuple(key for _, key in kept) if cache else (), dates, prose)


def publish(collection: Collection, folder: SiteFolder, config: SiteConfig, progress: Progress | None = None,
            page_cache: BuildCache | None = None, aside: ShardedCache | None = None,
            ) -> tuple[int, tuple[Diagnostic, ...]]:
    """Compare, render and site stages: the studies in, the site made in ``folder`` and swapped in whole for
    ``folder.out``; returns the page count, and the errors of the study pages made without their key numbers.

    The search index and the downloads are made from the studies' parts alone, so they are made
    beside the compare and render stages, in a forked copy of this process, on a review large
    enough to gain; the copy writes them into the new site itself (at 10,000 studies the index's
    1,400 files, 35 MB, and 58 MB of downloads are not sent back). What they are made of, the
    parts read through the cache lack: that copy loads it from ``aside`` (``index_and_downloads``).

    With a ``page_cache`` (and the collection's keys), a study page whose study and links are
    unchanged is kept: linked from the site it replaces, where that holds it as this cache
    recorded (``site_folder`` links those), else taken from the cache; it is rendered again
    only when neither has it.
    """
    progress = progress or Progress(enabled=False)
    studies, parts = collection.studies, collection.parts

    def from_parts() -> None:
        found = index_and_downloads(collection, aside)
        write_into(folder, build_search_index((index for index, _ in found), synonym_groups(config)), page_cache)
        downloads = download_files(build_environment(), studies, config, [d for _, d in found],
                                   collection.dates)
        write_into(folder, downloads, page_cache)

    with forked(from_parts, len(studies) >= PARALLEL_MIN_PAGES) as parts_written:
        progress.stage("comparing")
        comparisons = build_comparisons(tuple(p.comparison for p in parts), config)
        progress.stage("rendering")
        cached = None
        if page_cache and collection.keys:
            cached = StudyPageCache(page_cache, collection.keys, {rel: key for rel, (key, _) in folder.linked().items()})
        pages = render_site(studies, comparisons, config, parts, cached, partial(write_into, folder, cache=page_cache),
                            collection.prose)
        parts_written()
    progress.stage("writing")
    write_site(pages, folder, config, page_cache)
    if cached:
        # A kept page is a link to the file recorded, stamps and all: only the pages written are looked at.
        kept, linked = set(pages.kept), folder.linked()
        written = stamps(folder.out, pages.keys.keys() - kept)
        page_cache.put(record_key(page_cache, folder.out), {rel: (key, written[rel]) if rel in written else linked[rel]
                                                            for rel, key in pages.keys.items()
                                                            if rel in written or rel in kept})
    if page_cache:
        page_cache.prune()  # every entry this build used is marked used by now
    return len(pages.mkdocs_pages) + len(pages.html) + len(pages.kept) + len(pages.written), pages.faults
