"""The build, in one screen: read -> clean -> parse -> extract -> compare -> render -> site.

Each stage is a plain function from immutable values to immutable values. Bad
input becomes a ``Diagnostic`` and its file is skipped; only a problem with the
site as a whole raises ``BuildError``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from generator.compare import build_comparisons
from generator.config import SiteConfig
from generator.diagnostics import Diagnostic, InputError, warning
from generator.extract import extract_study
from generator.history import added_dates
from generator.identity import duplicate_keys, study_id
from generator.model import Record, SourceText, Study
from generator.overrides import apply_overrides, load_sidecar
from generator.parsing import build_sections, make_title
from generator.readers import READERS, decode, read_records
from generator.render import render_site
from generator.site import write_site

SIDECAR_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Collection:
    """Every study read from a content folder, and what went wrong on the way."""

    studies: tuple[Study, ...]
    diagnostics: tuple[Diagnostic, ...]
    files_read: int
    files_skipped: int


def content_files(content: Path) -> list[Path]:
    """The files under ``content`` that are inputs or sidecars, in a fixed order."""
    files = [p for p in content.rglob("*") if p.is_file() and not any(
        part.startswith(".") for part in p.relative_to(content).parts)]
    return sorted(files, key=lambda p: p.relative_to(content).as_posix())


def read_study_records(content: Path, path: Path) -> list[Record]:
    """Read stage for one file: decode it and run its reader."""
    rel = path.relative_to(content).as_posix()
    return read_records(SourceText(rel, decode(rel, path.read_bytes())))


def build_study(record: Record, sid: str, config: SiteConfig, overrides: dict) -> Study:
    """Parse and extract stages for one record, then its corrections."""
    sections = build_sections(record.blocks)
    extraction = extract_study(record, sections, config)
    title = record.title or make_title(sections, extraction)
    study = Study(
        id=sid, source=record.source, title=title, title_generated=record.title is None,
        authors=record.authors, journal=record.journal, year=record.year, doi=record.doi,
        pmid=record.pmid, publication_types=record.publication_types,
        mesh_terms=record.mesh_terms, sections=sections, extraction=extraction,
    )
    return apply_overrides(study, overrides)


def collect(content: Path, config: SiteConfig) -> Collection:
    """Read every content file into studies; a bad file is reported and skipped."""
    diagnostics: list[Diagnostic] = []
    files = content_files(content)
    inputs = [p for p in files if p.suffix.lower() in READERS or p.suffix.lower() not in SIDECAR_SUFFIXES]
    sidecars = {p for p in files if p.suffix.lower() in SIDECAR_SUFFIXES}
    studies: list[Study] = []
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    read = skipped = 0
    used_sidecars: set[Path] = set()
    for path in inputs:
        rel = path.relative_to(content).as_posix()
        if path.suffix.lower() not in READERS:
            diagnostics.append(warning(rel, f"unknown file type '{path.suffix}', skipped; "
                                            f"expected one of: {', '.join(sorted(READERS))}"))
            skipped += 1
            continue
        try:
            records = read_study_records(content, path)
            overrides, sidecar_diags, sidecar = load_sidecar(content, path, records)
        except InputError as exc:
            diagnostics.extend(exc.diagnostics)
            skipped += 1
            continue
        diagnostics.extend(sidecar_diags)
        if sidecar:
            used_sidecars.add(sidecar)
        read += 1
        for index, record in enumerate(records):
            keys = duplicate_keys(record)
            first = next((seen[k] for k in keys if k in seen), None)
            if first is not None:
                diagnostics.append(warning(record.source, f"duplicate of {first}; kept that one", record.line))
                continue
            sid = study_id(record, index, len(records))
            if sid in ids:
                diagnostics.append(warning(record.source, f"id '{sid}' is already used by {ids[sid]}; "
                                                          f"kept that one", record.line))
                continue
            where = record.source if record.line == 1 else f"{record.source}:{record.line}"
            for key in keys:
                seen.setdefault(key, where)
            ids[sid] = where
            try:
                studies.append(build_study(record, sid, config, overrides.get(index, {})))
            except InputError as exc:
                diagnostics.extend(exc.diagnostics)
    for sidecar in sorted(sidecars - used_sidecars):
        diagnostics.append(warning(sidecar.relative_to(content).as_posix(),
                                   "override file has no content file beside it (expected one with the same name)"))
    studies.sort(key=lambda s: s.id)
    dates = added_dates(content)
    studies = [s if s.added else replace(s, added=dates.get(s.source)) for s in studies]
    return Collection(tuple(studies), tuple(diagnostics), read, skipped)


def publish(collection: Collection, out: Path, config: SiteConfig) -> None:
    """Compare, render and site stages: the studies in, the site folder out (swapped in whole)."""
    comparisons = build_comparisons(collection.studies, config)
    pages = render_site(collection.studies, comparisons, config)
    write_site(pages, out, config)
