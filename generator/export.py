"""Downloads: ``data/studies.json`` (the data contract), ``data/findings.csv`` and the references.

Each study's part of them is made from the study alone (``study_downloads``), so it is made
as the study is read and cached with it (``parts.py``); a build joins the parts.

The JSON follows ``DATA.md`` field for field; both files are byte-identical for
identical input. In the CSV, numbers are written as numbers and relations ("=", "<", ...) have
columns of their own (``relation``, and ``p_relation`` for a p-value), so ``text`` and ``p_text``
are the numbers as written without their signs ("= .003" is ".003"); a text
cell that a spreadsheet would run as a formula (one that begins with =, +, -, @, a tab or a CR)
is defused with a leading apostrophe, and no other.
"""

from __future__ import annotations

import csv
import io
import json
import re
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
# The CSV's columns of each finding: the contract's, with a p-value's relation split from its text.
CSV_FINDING_FIELDS = tuple(f for name in FINDING_FIELDS for f in (("p_relation", name) if name == "p_text" else (name,)))
# A number as written: its relation ("<", "=", "≤", "=<"), if any, then the number.
RELATION_TEXT_RE = re.compile(r"(?P<rel>[=<>≤≥]{0,2})\s*(?P<num>.*)", re.DOTALL)
P_RELATIONS = {"": "=", "≤": "<=", "≥": ">=", "=<": "<=", "<=": "<=", ">=": ">=", "<": "<", ">": ">", "=": "="}
# A text cell that is a plain number ("-0.5", "-63%"): a spreadsheet reads it as a number, not a formula.
NUMBER_RE = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)%?")


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


def study_dict(study: Study, findings: list[dict] | None = None) -> dict:
    """One study as the data contract spells it (``findings``: its findings' ``finding_dict``, when made already)."""
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
        "pmcid": study.pmcid,
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
        "findings": [finding_dict(f) for f in x.findings] if findings is None else findings,
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
    """A CSV cell: a number as it is, a text that a spreadsheet would run as a formula behind an apostrophe."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_START) and not NUMBER_RE.fullmatch(text):
        return "'" + text
    return text


def relation_parts(text: str | None) -> tuple[str | None, str | None]:
    """A number as written, split into its relation and the number: "< 0.0001" -> ("<", "0.0001"), "75%" -> ("=", "75%")."""
    if text is None:
        return None, None
    m = RELATION_TEXT_RE.fullmatch(text.strip())
    return P_RELATIONS.get(m.group("rel"), m.group("rel")), m.group("num")


def findings_csv(rows: Iterable[bytes]) -> tuple[bytes, ...]:
    """``data/findings.csv``, as chunks, from each study's ``csv`` rows (``StudyDownloads``) in id order."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(CSV_STUDY_FIELDS + CSV_FINDING_FIELDS + ("curated", "certain"))
    return (buffer.getvalue().encode(), *rows)


def finding_rows(study: Study, findings: list[dict]) -> str:
    """A study's rows of ``data/findings.csv``: one per finding, the study's fields repeated (``findings``: its
    findings' ``finding_dict``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    x = study.extraction
    head = [safe_cell(v) for v in (study.id, study.source, study.title, study.journal, study.year,
                                   study.doi, study.pmid, x.design, x.phase, x.n_total)]
    for finding, row in zip(x.findings, findings):
        row = dict(row)  # the JSON's, which its own columns must not change
        row["p_relation"], row["p_text"] = relation_parts(finding.p_text)
        row["text"] = relation_parts(finding.text)[1]  # its sign is in ``relation``
        # The relations are ours, one of a few signs: written as they are, never as text to defuse.
        cells = [row[k] if k in ("relation", "p_relation") else safe_cell(row[k]) for k in CSV_FINDING_FIELDS]
        writer.writerow(head + cells + [safe_cell(finding.curated), safe_cell(finding.certain)])
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
    findings = [finding_dict(f) for f in study.extraction.findings]  # for both: made once
    return StudyDownloads(json.dumps(study_dict(study, findings), ensure_ascii=False).encode(),
                          finding_rows(study, findings).encode(),
                          (ris_entry(study) + "\n").encode(), bibtex_entry(study).encode())
