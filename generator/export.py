"""Downloads: ``data/studies.json`` (the data contract), ``data/findings.csv`` and the references.

Each study's part of them is made from the study alone (``study_downloads``), so it is made
as the study is read and cached with it (``parts.py``); a build joins the parts.

The JSON follows ``DATA.md`` field for field; both files are byte-identical for
identical input. CSV cells that a spreadsheet would run as a formula are defused.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Iterable

from generator.citations import bibtex_entry, ris_entry
from generator.model import Finding, Study

SCHEMA = "litreview/studies@1"

FINDING_FIELDS = (
    "kind", "value", "text", "unit", "relation", "ci_low", "ci_high", "ci_level", "p_value",
    "p_text", "numerator", "denominator", "arm", "timepoint", "scope", "section", "sentence",
    "start", "end",
)
CSV_STUDY_FIELDS = ("study_id", "source", "title", "journal", "year", "doi", "pmid", "design", "phase", "n_total")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def finding_dict(finding: Finding) -> dict:
    """One finding as the data contract spells it (plus ``curated``/``computed``)."""
    out = {name: getattr(finding, name) for name in FINDING_FIELDS}
    for name in ("value", "ci_low", "ci_high", "ci_level", "p_value"):
        out[name] = _number(out[name])
    out["computed"] = list(finding.computed)
    out["curated"] = finding.curated
    out["certain"] = finding.certain
    return out


def study_dict(study: Study) -> dict:
    """One study as the data contract spells it."""
    x = study.extraction
    return {
        "id": study.id,
        "source": study.source,
        "url": study.url,
        "title": study.title,
        "title_generated": study.title_generated,
        "authors": list(study.authors),
        "journal": study.journal,
        "year": study.year,
        "doi": study.doi,
        "pmid": study.pmid,
        "publication_types": list(study.publication_types),
        "mesh_terms": list(study.mesh_terms),
        "design": x.design,
        "phase": x.phase,
        "conditions": list(x.conditions),
        "interventions": list(x.interventions),
        "n_total": x.n_total,
        "n_enrolled": x.n_enrolled,
        "n_analyzed": x.n_analyzed,
        "arms": [{"name": a.name, "n": a.n} for a in x.arms],
        "sections": [{"label": s.label, "heading": s.heading, "text": s.text} for s in study.sections],
        "findings": [finding_dict(f) for f in x.findings],
        "curated_fields": list(study.curated_fields),
    }


def joined(parts: Iterable[bytes], separator: bytes) -> list[bytes]:
    """``separator.join(parts)`` as a list of chunks: a download is written chunk by chunk, never
    joined (``data/studies.json`` is 50 MB at 10,000 studies)."""
    chunks: list[bytes] = []
    for part in parts:
        if chunks:
            chunks.append(separator)
        chunks.append(part)
    return chunks


def studies_json(lines: Iterable[bytes], content_name: str = "content") -> tuple[bytes, ...]:
    """``data/studies.json``, as chunks, from each study's ``json`` line (``StudyDownloads``) in id order.

    One study per line: a diff between two builds shows which studies changed, and
    without ``indent`` the json module can use its fast C encoder. No timestamps.
    """
    head = json.dumps({"schema": SCHEMA, "generated_from": content_name}, ensure_ascii=False)[:-1]
    return (f'{head}, "studies": [\n'.encode(), *joined(lines, b",\n"), b"\n]}\n")


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def findings_csv(rows: Iterable[bytes]) -> tuple[bytes, ...]:
    """``data/findings.csv``, as chunks, from each study's ``csv`` rows (``StudyDownloads``) in id order."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(CSV_STUDY_FIELDS + FINDING_FIELDS + ("curated", "certain"))
    return (buffer.getvalue().encode(), *rows)


def finding_rows(study: Study) -> str:
    """A study's rows of ``data/findings.csv``: one per finding, the study's fields repeated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    x = study.extraction
    head = [safe_cell(v) for v in (study.id, study.source, study.title, study.journal, study.year,
                                   study.doi, study.pmid, x.design, x.phase, x.n_total)]
    for finding in x.findings:
        row = finding_dict(finding)
        writer.writerow(head + [safe_cell(row[k]) for k in FINDING_FIELDS]
                        + [safe_cell(finding.curated), safe_cell(finding.certain)])
    return buffer.getvalue()


@dataclass(frozen=True)
class StudyDownloads:
    """A study's part of each download (UTF-8), made from the study alone as it is read, and cached with it."""

    json: bytes
    csv: bytes
    ris: bytes
    bibtex: bytes


def study_downloads(study: Study) -> StudyDownloads:
    """The study's line of ``studies.json``, its rows of ``findings.csv`` and its RIS and BibTeX entries."""
    return StudyDownloads(json.dumps(study_dict(study), ensure_ascii=False).encode(), finding_rows(study).encode(),
                          (ris_entry(study) + "\n").encode(), bibtex_entry(study).encode())
