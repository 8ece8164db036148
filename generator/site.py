"""Site stage: rendered pages -> a built site, swapped in only when complete.

Starts Pagefind on the search records, writes the MkDocs config and docs tree into a
build folder beside the output, runs MkDocs, adds the pages rendered from data and the
downloads and the search index, then replaces the old site in one rename. A failed or
killed build leaves the old site as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

import yaml

from generator.config import SiteConfig
from generator.diagnostics import BuildError
from generator.render import NAV_LINKS, THEME_DIR, RenderedSite
from generator.search import INDEX_DIR, Indexing, finish_search_index, start_search_index

BUILD_PREFIX = ".litreview-build-"
WRITE_THREADS = 4
# The search records are only read by Pagefind, then thrown away: in memory when there is a
# tmpfs, they cost 0.2 s to write at 10,000 studies instead of 2 to 6 s on an ext4 disk.
RAM_DIR = Path("/dev/shm")
RECORDS_PREFIX = "litreview-search-records-"


def mkdocs_config(rendered: RenderedSite, config: SiteConfig, docs: Path, site: Path) -> dict:
    """The MkDocs configuration for the Markdown pages of the site."""
    return {
        "site_name": config.title,
        "site_description": config.description,
        "site_url": config.base_url or None,
        "repo_url": config.repo_url or None,
        "docs_dir": str(docs),
        "site_dir": str(site),
        "use_directory_urls": True,
        "theme": {"name": None, "custom_dir": str(THEME_DIR)},
        "nav": [{title: path} for title, path in rendered.nav],
        "extra": {"nav_links": [list(link) for link in NAV_LINKS]},
        "plugins": [],
        "markdown_extensions": ["tables"],
    }


def _write(root: Path, rel: str, text: str | bytes) -> None:
    # Checked on the path's text, not by resolving it: the build folder is new and holds
    # no links, and resolving costs a system call per path component, per page.
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or "\\" in rel or any(p in ("..", ".", "") for p in parts):
        raise BuildError(f"refusing to write outside the output folder: {rel}")
    target = root.joinpath(*parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        target.write_bytes(text)
        return
    with open(target, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)


def write_files(root: Path, files: tuple[tuple[str, str], ...], threads: int = WRITE_THREADS) -> None:
    """Write every ``(path, text)`` under ``root``, several at a time on a disk: the cost is the kernel's."""
    if threads == 1:
        for item in files:
            _write(root, *item)
        return
    with ThreadPoolExecutor(threads) as pool:
        for done in pool.map(lambda item: _write(root, *item), files):
            pass


def run_mkdocs(config_file: Path) -> None:
    """Build the MkDocs part of the site, quietly."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        build(load_config(config_file=str(config_file)))
    except MkDocsException as exc:
        raise BuildError(f"MkDocs failed: {exc}") from None


def scratch_folder(fallback: Path) -> Path:
    """A new folder for the search records: in memory when this machine has a writable tmpfs, else in ``fallback``.

    Its name carries this process's id, so the folders of builds that were killed are found and removed.
    """
    if not (RAM_DIR.is_dir() and os.access(RAM_DIR, os.W_OK)):
        return fallback
    for stale in RAM_DIR.glob(f"{RECORDS_PREFIX}*"):
        if not _running(stale.name.removeprefix(RECORDS_PREFIX).partition("-")[0]):
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{RECORDS_PREFIX}{os.getpid()}-", dir=RAM_DIR))


def _running(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:  # alive, and another user's
        pass
    return True


class SiteBuild:
    """A site built in a fresh folder beside ``out`` and swapped in only when complete.

    ``with SiteBuild(out, config) as build:`` makes the folder; ``start_search_index`` sets
    Pagefind to work on the search records while the caller renders the pages;
    ``finish`` writes them, runs MkDocs, waits for the index and swaps the site in.
    Leaving the block for any reason removes the folder (and stops Pagefind), so a failed
    or killed build leaves the previous site as it was.
    """

    def __init__(self, out: Path, config: SiteConfig) -> None:
        self.out = out.resolve()
        self.config = config
        self.indexing: Indexing | None = None

    def __enter__(self) -> SiteBuild:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        for stale in self.out.parent.glob(f"{BUILD_PREFIX}{self.out.name}-*"):
            shutil.rmtree(stale, ignore_errors=True)
        self.work = Path(tempfile.mkdtemp(prefix=f"{BUILD_PREFIX}{self.out.name}-", dir=self.out.parent))
        self.records = scratch_folder(self.work / "search-records")
        return self

    def __exit__(self, *exc_info) -> None:
        if self.indexing and self.indexing.process and self.indexing.process.poll() is None:
            self.indexing.process.kill()
            self.indexing.process.wait()
        shutil.rmtree(self.work, ignore_errors=True)
        shutil.rmtree(self.records, ignore_errors=True)

    def start_search_index(self, records: tuple[tuple[str, bytes], ...]) -> None:
        """Write the search records and start Pagefind on them."""
        # In memory, threads would only wait on each other's lock of the one folder.
        write_files(self.records, records, threads=1 if self.records.is_relative_to(RAM_DIR) else WRITE_THREADS)
        self.indexing = start_search_index(self.records, self.work / INDEX_DIR, self.work / "pagefind.log")

    def finish(self, rendered: RenderedSite) -> None:
        """Write the pages, run MkDocs, add the search index and swap the new site in for ``out``."""
        docs, site = self.work / "docs", self.work / "site"
        write_files(docs, rendered.markdown)
        config_file = self.work / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(mkdocs_config(rendered, self.config, docs, site), sort_keys=True))
        run_mkdocs(config_file)
        write_files(site, rendered.html + rendered.files)
        if self.indexing:
            index = finish_search_index(self.indexing)
            if index.pages:
                index.index_dir.rename(site / INDEX_DIR)
        if self.out.exists():
            self.out.rename(self.work / "previous")
        site.rename(self.out)
