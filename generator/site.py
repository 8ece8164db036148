"""Site stage: rendered pages -> a built site, swapped in only when complete.

Writes the MkDocs config and docs tree into a build folder beside the output,
runs MkDocs, adds the pages rendered from data and the downloads, then replaces
the old site in one rename. A failed or killed build leaves the old site as it was.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

import yaml

from generator.config import SiteConfig
from generator.diagnostics import BuildError
from generator.render import NAV_LINKS, THEME_DIR, RenderedSite
from generator.search import build_search_index

BUILD_PREFIX = ".litreview-build-"


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


def _write(root: Path, rel: str, text: str) -> None:
    target = (root / rel).resolve()
    if not target.is_relative_to(root.resolve()):
        raise BuildError(f"refusing to write outside the output folder: {rel}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")


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


def write_site(rendered: RenderedSite, out: Path, config: SiteConfig) -> None:
    """Build the site into a fresh folder and swap it in for ``out``."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f"{BUILD_PREFIX}{out.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=f"{BUILD_PREFIX}{out.name}-", dir=out.parent))
    try:
        docs, site = work / "docs", work / "site"
        for rel, text in rendered.markdown:
            _write(docs, rel, text)
        config_file = work / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(mkdocs_config(rendered, config, docs, site), sort_keys=True))
        run_mkdocs(config_file)
        for rel, text in rendered.html + rendered.files:
            _write(site, rel, text)
        build_search_index(site)
        if out.exists():
            out.rename(work / "previous")
        site.rename(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
