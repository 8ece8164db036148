"""Corrections: a sidecar ``content/<name>.yml`` beside an input, or ``.md`` front matter.

Stub: metadata fields only (to be completed).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from generator.diagnostics import Diagnostic, InputError, error
from generator.model import Study

METADATA_FIELDS = ("title", "authors", "journal", "year", "doi", "pmid", "publication_types", "mesh_terms")


def load_sidecar(content: Path, path: Path, records: int) -> tuple[dict[int, dict], list[Diagnostic], Path | None]:
    """The overrides for each record index of ``path``, their diagnostics, and the sidecar used."""
    for suffix in (".yml", ".yaml"):
        sidecar = path.with_suffix(suffix)
        if sidecar.exists():
            rel = sidecar.relative_to(content).as_posix()
            try:
                data = yaml.safe_load(sidecar.read_text(encoding="utf-8-sig")) or {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                raise InputError(error(rel, f"invalid YAML: {getattr(exc, 'problem', exc)}",
                                       mark.line + 1 if mark else None)) from None
            return {0: data}, [], sidecar
    return {}, [], None


def apply_overrides(study: Study, overrides: dict) -> Study:
    """The study with corrected values winning over extracted ones."""
    changes = {k: v for k, v in overrides.items() if k in METADATA_FIELDS}
    if not changes:
        return study
    return replace(study, **changes, curated_fields=tuple(sorted(changes)))
