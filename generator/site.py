"""Site stage: rendered pages -> a built site, swapped in only when complete.

Has MkDocs lay out the home page and the comparisons hub in the theme (or lays them out
the same way when MkDocs is not installed) in a build folder beside the output, puts in
their content, adds the pages rendered from data, the downloads and the search index, then
replaces the old site in one step (``swap_in``). A failed or killed build leaves the old site as it was;
the replaced site is deleted by the next build, while it reads the content.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import importlib.util
import logging
import os
import shutil
import stat
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import jinja2
import yaml

from generator.cache import BuildCache
from generator.config import SiteConfig
from generator.diagnostics import BuildError
from generator.render import NAV_LINKS, THEME_DIR, RenderedSite, page_url
from generator.workers import forked, libc

BUILD_PREFIX = ".litreview-build-"
# An old build's folder is renamed so before it is deleted: one left half-deleted (the build was killed) is
# never taken for a build's folder, whose site ``recover`` may put back.
DELETING_PREFIX = ".litreview-deleting-"
# What MkDocs is given as each page's Markdown, and replaced by the page's HTML once laid out.
CONTENT_MARKER = "<!-- litreview:content -->"
WRITE_THREADS = 2
AT_FDCWD, RENAME_EXCHANGE = -100, 2
# The record of the study pages a site holds, as the page cache keeps it: each one's key and ``stamps``, by path.
SiteRecord = dict[str, tuple[str, tuple[int, int, int]]]


def mkdocs_config(rendered: RenderedSite, config: SiteConfig, docs: Path, site: Path) -> dict:
    """The MkDocs configuration for the pages it lays out (their content is a marker, not Markdown)."""
    return {
        "site_name": config.title,
        "site_description": config.description,
        "site_url": config.base_url or None,
        "repo_url": config.repo_url or None,
        "docs_dir": str(docs),
        "site_dir": str(site),
        "use_directory_urls": True,
        "theme": {"name": None, "custom_dir": str(THEME_DIR)},
        "nav": [{title: path} for path, title, _ in rendered.mkdocs_pages],
        "extra": {"nav_links": [list(link) for link in NAV_LINKS]},
        "plugins": [],
    }


def _target(root: str, rel: str) -> str:
    # Checked on the path's text, not by resolving it: the build folder is new and holds
    # no links, and resolving costs a system call per path component, per page.
    parts = rel.split("/")
    if "\\" in rel or any(p in ("..", ".", "") for p in parts):
        raise BuildError(f"refusing to write outside the output folder: {rel}")
    return os.path.join(root, rel)


def _chunks(text: str | bytes | Sequence[bytes]) -> Sequence[bytes]:
    """A file's bytes as chunks: text as UTF-8 (encoded one file at a time: the site's text is ~100 MB
    at 10,000 studies), a download as the parts it was made of."""
    if isinstance(text, str):
        return (text.encode("utf-8"),)
    return (text,) if isinstance(text, bytes) else text


def _linked(source: str, target: str, text: str | bytes | Sequence[bytes]) -> bool:
    """Hard-link ``source`` to ``target`` if it is a plain file of exactly ``text``; whether it did."""
    chunks = _chunks(text)
    try:
        with os.fdopen(os.open(source, os.O_RDONLY | os.O_NOFOLLOW), "rb") as handle:
            if os.fstat(handle.fileno()).st_size != sum(map(len, chunks)):
                return False  # not read: the downloads, 60 MB at 10,000 studies, change size with any study
            if any(handle.read(len(chunk)) != chunk for chunk in chunks):
                return False
        os.link(source, target)
        return True
    except OSError:  # none there, a link, or a file system without hard links: write it
        return False


def _write(target: str, text: str | bytes | Sequence[bytes]) -> None:
    """Write a new file at ``target``: one there already is replaced, never written through (it may be
    a link to the site being replaced)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        fd = os.open(target, flags, 0o666)
    except FileExistsError:
        os.unlink(target)
        fd = os.open(target, flags, 0o666)
    with os.fdopen(fd, "wb") as out:
        out.writelines(_chunks(text))


def write_files(root: Path, files: Sequence[tuple[str, str | bytes | Sequence[bytes]]], previous: Path | None = None,
                threads: int = WRITE_THREADS, kept: Sequence[str] = ()) -> None:
    """Write every ``(path, text)`` under ``root``: text as UTF-8, bytes, or a sequence of chunks of bytes.

    A file whose bytes the ``previous`` site holds at the same path is hard-linked from it
    instead: reading and comparing a page costs a fraction of writing it again. Links are made
    here, one by one; the files to write, two at a time (measured on this disk: threads
    halve the time to write and double the time to link). The ``kept`` paths are linked from
    ``previous`` unread (copied where it cannot be linked).
    """
    items = [(_target(str(root), rel), text) for rel, text in files]
    kept_targets = [_target(str(root), rel) for rel in kept]
    for folder in sorted({os.path.dirname(target) for target in [t for t, _ in items] + kept_targets}):
        os.makedirs(folder, exist_ok=True)
    for rel, target in zip(kept, kept_targets):
        _keep(os.path.join(previous, rel), target)
    if previous is not None:
        items = [(target, text) for (target, text), (rel, _) in zip(items, files)
                 if not _linked(os.path.join(previous, rel), target, text)]
    if threads == 1:
        for item in items:
            _write(*item)
        return
    with ThreadPoolExecutor(threads) as pool:
        for done in pool.map(lambda item: _write(*item), items):
            pass


def _keep(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        try:
            shutil.copyfile(source, target, follow_symlinks=False)
        except FileNotFoundError:  # the previous site changed as it was read (a full disk is the machine's: raised)
            raise BuildError(f"cannot keep {source} from the previous site: it is gone; build again") from None


def stamps(root: Path, rels: Iterable[str]) -> dict[str, tuple[int, int, int]]:
    """What tells each file under ``root`` from any other: its inode, size and time of modification.
    A file written again or replaced changes at least one of them. Files not there are left out."""
    found = {}
    for rel in rels:
        try:
            st = os.stat(os.path.join(root, rel), follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            found[rel] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return found


def unchanged_files(root: Path, recorded: SiteRecord) -> dict[str, str]:
    """The keys of the files under ``root`` that are as ``recorded`` (key and ``stamps``, by path) when written."""
    now = stamps(root, recorded)
    return {rel: key for rel, (key, stamp) in recorded.items() if now.get(rel) == stamp}


def fill_content(site: Path, pages: tuple[tuple[str, str, str], ...]) -> None:
    """Put each MkDocs page's content in place of its marker in the built page (there must be exactly one)."""
    for rel, _, content in pages:
        page = site / page_url(rel) / "index.html"
        text = page.read_text(encoding="utf-8")
        if text.count(CONTENT_MARKER) != 1:
            raise BuildError(f"{page.relative_to(site).as_posix()}: expected the marker {CONTENT_MARKER} once in "
                             f"the built page, found it {text.count(CONTENT_MARKER)} times "
                             f"(does the theme show the page's content?)")
        _write(str(page), text.replace(CONTENT_MARKER, content.rstrip("\n")))


def mkdocs_installed() -> bool:
    """Whether MkDocs can be imported (it is a dependency, but a bare interpreter may lack it)."""
    return importlib.util.find_spec("mkdocs") is not None


def run_mkdocs(rendered: RenderedSite, config: SiteConfig, work: Path, site: Path,
               cache: BuildCache | None = None) -> None:
    """Lay out the MkDocs pages (their content a marker) in the theme into ``site``, quietly.

    With a ``cache`` (keyed by the templates), what MkDocs made is kept, by its configuration and
    the versions of MkDocs and Python-Markdown, and written as it was while those stay the same:
    MkDocs cost a build 0.1 s.
    """
    settings = yaml.safe_dump(mkdocs_config(rendered, config, Path("docs"), Path("site")), sort_keys=True)
    key = cache.key(settings.encode(), f"{version('mkdocs')} {version('markdown')}".encode()) if cache else ""
    made = cache.get(key, list[tuple[str, bytes]]) if key else None
    if made is None:
        made = mkdocs_layout(rendered, config, work)
        if key:
            cache.put(key, made)
    write_files(site, made, threads=1)


def mkdocs_layout(rendered: RenderedSite, config: SiteConfig, work: Path) -> list[tuple[str, bytes]]:
    """The files MkDocs makes of the MkDocs pages, by path: built in ``work``, not in the site,
    which MkDocs would empty first."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    docs, layout = work / "docs", work / "layout"
    write_files(docs, tuple((rel, CONTENT_MARKER + "\n") for rel, _, _ in rendered.mkdocs_pages))
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(mkdocs_config(rendered, config, docs, layout), sort_keys=True))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        build(load_config(config_file=str(config_file)))
    except MkDocsException as exc:
        raise BuildError(f"MkDocs failed: {exc}") from None
    return [(path.relative_to(layout).as_posix(), path.read_bytes()) for path in sorted(layout.rglob("*"))
            if path.is_file()]


def lay_out_without_mkdocs(rendered: RenderedSite, config: SiteConfig, site: Path) -> None:
    """What ``run_mkdocs`` makes, without MkDocs: each page through the theme's ``main.html`` with
    the context MkDocs gives it, in an environment like MkDocs' own, and the theme's assets."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(THEME_DIR)), auto_reload=False)
    theme = {"site_name": config.title, "extra": {"nav_links": [list(link) for link in NAV_LINKS]}}
    layout = env.get_template("main.html")
    write_files(site, [(f"{page_url(rel)}index.html", layout.render(
        config=theme, base_url="/".join([".."] * page_url(rel).count("/")) or ".",
        page={"title": title, "content": CONTENT_MARKER})) for rel, title, _ in rendered.mkdocs_pages], threads=1)
    shutil.copytree(THEME_DIR / "assets", site / "assets")


def old_builds(out: Path, prefix: str = BUILD_PREFIX) -> list[Path]:
    """The folders earlier builds of ``out`` left beside it: the site each replaced, or a killed build's work
    (with ``DELETING_PREFIX``, those a build was killed deleting)."""
    return sorted(out.resolve().parent.glob(f"{prefix}{out.resolve().name}-*"))


def delete_old_builds(folders: list[Path]) -> None:
    """Delete ``old_builds`` folders, each renamed out of their pattern first (``DELETING_PREFIX``)."""
    for folder in folders:
        name = folder.name.removeprefix(BUILD_PREFIX).removeprefix(DELETING_PREFIX)
        doomed = folder.with_name(DELETING_PREFIX + name)
        try:
            folder.rename(doomed)
        except OSError:
            doomed = folder
        shutil.rmtree(doomed, ignore_errors=True)


def record_key(cache: BuildCache, out: Path) -> str:
    """The key of the entry of ``cache`` that records the study pages ``out`` holds: each one's key and
    ``stamps``, by path, as the build that wrote them left them (``pipeline.publish``)."""
    return cache.key(b"site", os.fsencode(out.resolve()))


@dataclass(frozen=True)
class SiteFolder:
    """Where a build makes the site that replaces ``out``: ``site``, in a fresh folder beside it (``site_folder``).

    ``linked()`` gives the record of the study pages already linked into ``site`` from ``out``
    (key and stamps, by path), once they are.
    """

    out: Path
    work: Path
    linked: Callable[[], SiteRecord]
    inode: int  # of ``site``, the folder ``out`` is once the site is swapped in

    @property
    def site(self) -> Path:
        return self.work / "site"

    def swapped_in(self) -> bool:
        """Whether the site made here is at ``out`` now (``write_site``)."""
        try:
            return os.stat(self.out).st_ino == self.inode
        except OSError:
            return False


@contextmanager
def site_folder(out: Path, cache: BuildCache | None = None) -> Iterator[SiteFolder]:
    """A ``SiteFolder`` for the next site of ``out``, removed when the block is left unless the site was
    swapped in (``write_site``), so a failed or killed build leaves the previous site as it was.

    Meanwhile a forked copy of this process does the kernel's work that needs no study: it links
    into the new folder the study pages ``out`` holds as ``cache`` records the last build wrote
    them (those an added abstract leaves as they were; any the build does not keep is replaced as
    it is written, or unlinked by ``write_site``), then deletes the ``old_builds`` of ``out``. At
    10,000 studies that is 10,000 links and a replaced site of 11,000 files, done while the content
    is read (in a thread, it held this process's lock on Python between its calls: 0.25 s of a
    cached build). It yields the cores to the reading (``nice``): an added abstract then took
    0.11 s less (median of 13 pairs).
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(out) and not out.is_dir():  # a file the user keeps there: never replaced by a site
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(out))
    recover(out)
    old = old_builds(out) + old_builds(out, DELETING_PREFIX)
    recorded = (cache.get(record_key(cache, out), SiteRecord) or {}) if cache else {}
    work = Path(tempfile.mkdtemp(prefix=f"{BUILD_PREFIX}{out.name}-", dir=out.parent))
    site = work / "site"
    site.mkdir()

    def prepare() -> list[str]:
        linked = list(unchanged_files(out, recorded))
        write_files(site, (), out, kept=linked)
        delete_old_builds(old)
        return linked

    try:
        with forked(prepare, bool(recorded or old), nice=10) as prepared:
            linked = functools.cache(lambda: {rel: recorded[rel] for rel in prepared()})
            yield SiteFolder(out, work, linked, site.stat().st_ino)
            linked()  # the old builds are gone by the time the build ends
    finally:
        if site.exists():  # not swapped in
            shutil.rmtree(work, ignore_errors=True)


def write_into(folder: SiteFolder, files: Sequence[tuple[str, str | bytes | Sequence[bytes]]],
               cache: BuildCache | None = None, kept: Sequence[str] = ()) -> None:
    """Write ``files`` into the site being made in ``folder`` (``write_files``): with a ``cache``, a file
    the site it replaces holds byte for byte is linked from it, as are the ``kept`` paths."""
    out = folder.out
    write_files(folder.site, files, out if cache and out.is_dir() else None, kept=kept)


def write_site(rendered: RenderedSite, folder: SiteFolder, config: SiteConfig, cache: BuildCache | None = None) -> None:
    """Build the site in ``folder`` and swap it in for ``folder.out`` only when complete.

    With a ``cache`` (of what is rendered), the pages and files that are the same as in the site
    it replaces are hard links to those (``write_files``; the study pages kept are linked already),
    and MkDocs' layout comes from the cache while its input is unchanged; a cold build writes
    every file. The site it replaces is left in the folder, for the next build to delete.
    """
    out, site, previous = folder.out, folder.site, folder.work / "previous"
    linked = folder.linked()
    for rel in linked.keys() - set(rendered.kept) - set(rendered.written):
        os.unlink(_target(str(site), rel))  # a page no longer in the site (one written is replaced: ``_write``)
    if mkdocs_installed():
        run_mkdocs(rendered, config, folder.work, site, cache)
    else:
        lay_out_without_mkdocs(rendered, config, site)
    fill_content(site, rendered.mkdocs_pages)
    write_into(folder, rendered.html + rendered.files, cache, kept=[rel for rel in rendered.kept if rel not in linked])
    swap_in(site, out, previous)


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two paths in one step (Linux's ``renameat2`` with ``RENAME_EXCHANGE``); whether the system could."""
    renameat2 = getattr(libc(), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # an old kernel, or a file system without it
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(site: Path, out: Path, previous: Path) -> None:
    """Put the complete ``site`` at ``out``, and the site it replaces, if any, at ``previous`` (for the next
    build to delete). Where the system can, the two are exchanged in one step, so ``out`` is a complete
    site at every instant; elsewhere by two renames, and a build killed between them leaves ``out``
    missing and the previous site at ``previous``, which the next build puts back (``recover``)."""
    if not out.exists():
        site.rename(out)
    elif _exchange(site, out):
        site.rename(previous)
    else:
        out.rename(previous)
        try:
            site.rename(out)
        except BaseException:
            previous.rename(out)
            raise


def recover(out: Path) -> None:
    """When ``out`` is missing, put back the site a build killed while swapping moved aside (``swap_in``):
    the newest of those the ``old_builds`` hold."""
    if os.path.lexists(out):
        return
    aside = [folder / "previous" for folder in old_builds(out) if (folder / "previous").is_dir()]
    if aside:
        max(aside, key=lambda path: path.stat().st_ctime_ns).rename(out)
